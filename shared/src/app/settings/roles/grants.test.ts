import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_GRANTS, RESOURCES } from '../../../permissions/catalog.ts';
import {
  diffMatrices,
  emptyMatrix,
  grantsFromMatrix,
  matrixFromGrants,
  rolePatchBody,
  scopesFor,
  setGrant,
  writesWithoutRead,
} from './grants.ts';

const key = (g: { resource: string; action: string; scope: string }) =>
  `${g.resource}:${g.action}:${g.scope}`;

describe('grant matrix', () => {
  it('round-trips every built-in role', () => {
    for (const grants of Object.values(DEFAULT_ROLE_GRANTS)) {
      const back = grantsFromMatrix(matrixFromGrants(grants));
      expect(back.map(key).sort()).toEqual(grants.map(key).sort());
    }
  });

  it('drops grants it does not know instead of failing', () => {
    const m = matrixFromGrants([
      { resource: 'clients', action: 'read', scope: 'all' },
      { resource: 'spaceships', action: 'read', scope: 'all' },
      { resource: 'clients', action: 'fly', scope: 'all' },
      { resource: 'deals', action: 'read', scope: 'galaxy' },
    ]);
    expect(grantsFromMatrix(m)).toEqual([{ resource: 'clients', action: 'read', scope: 'all' }]);
  });

  it('offers only the scopes that match something', () => {
    expect(scopesFor('pipelines')).toEqual(['all']);
    expect(scopesFor('segments')).not.toContain('partner');
    expect(scopesFor('clients')).toEqual(['own', 'partner', 'team', 'all']);
    for (const r of RESOURCES) expect(scopesFor(r)).toContain('all');
  });

  it('every built-in grant uses a scope the editor offers', () => {
    for (const grants of Object.values(DEFAULT_ROLE_GRANTS)) {
      for (const g of grants) expect(scopesFor(g.resource)).toContain(g.scope);
    }
  });

  it('diffs cell by cell', () => {
    const before = matrixFromGrants(DEFAULT_ROLE_GRANTS.sales);
    let after = setGrant(before, 'clients', 'delete', 'own');
    after = setGrant(after, 'deals', 'read', 'team');
    after = setGrant(after, 'tasks', 'delete', null);
    expect(diffMatrices(before, after)).toEqual([
      { resource: 'clients', action: 'delete', from: null, to: 'own' },
      { resource: 'deals', action: 'read', from: 'own', to: 'team' },
      { resource: 'tasks', action: 'delete', from: 'own', to: null },
    ]);
    expect(diffMatrices(before, before)).toEqual([]);
  });

  it('finds writes without read', () => {
    let m = setGrant(emptyMatrix(), 'deals', 'update', 'own');
    m = setGrant(m, 'clients', 'read', 'own');
    m = setGrant(m, 'clients', 'create', 'own');
    expect(writesWithoutRead(m)).toEqual(['deals']);
  });
});

describe('rolePatchBody', () => {
  const matrix = matrixFromGrants(DEFAULT_ROLE_GRANTS.manager);
  const original = { name: 'Руководитель', version: 3, matrix };

  it('is null when nothing changed (whitespace in the name included)', () => {
    expect(rolePatchBody(original, { name: ' Руководитель ', matrix })).toBeNull();
  });

  it('sends only the name when only the name changed', () => {
    expect(rolePatchBody(original, { name: 'РОП', matrix })).toEqual({ name: 'РОП', version: 3 });
  });

  it('sends the whole new permission set when a cell changed', () => {
    const edited = setGrant(matrix, 'users', 'read', 'all');
    const body = rolePatchBody(original, { name: 'Руководитель', matrix: edited });
    expect(body?.name).toBeUndefined();
    expect(body?.version).toBe(3);
    expect(body?.permissions).toHaveLength(DEFAULT_ROLE_GRANTS.manager.length);
    expect(body?.permissions).toContainEqual({ resource: 'users', action: 'read', scope: 'all' });
    expect(new Set(body?.permissions?.map((g) => `${g.resource}:${g.action}`)).size).toBe(
      body?.permissions?.length,
    );
  });
});
