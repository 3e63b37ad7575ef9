import type { Principal, Scope } from '@mak/shared/permissions';
import { scopeFor, shapeFactsNeeded, shapeWhere } from '@mak/shared/permissions';
import { describe, expect, it } from 'vitest';

const me = '00000000-0000-4000-8000-000000000001';
const mate = '00000000-0000-4000-8000-000000000002';
const team = '00000000-0000-4000-8000-0000000000aa';
const org = '00000000-0000-4000-8000-0000000000bb';
const p = (scope: Scope): Principal => ({
  userId: me,
  roleKey: 'x',
  teamId: team,
  partnerId: org,
  grants: new Map([['clients:read', scope]]),
});

describe('shapeWhere (shared/permissions)', () => {
  it('turns each scope into a parameterised where that always leaves soft-deleted rows out', () => {
    expect(shapeWhere('clients', 'all', p('all'), {})).toEqual({
      where: 'deleted_at IS NULL AND true',
      params: [],
    });
    expect(shapeWhere('clients', 'own', p('own'), {})).toEqual({
      where: 'deleted_at IS NULL AND owner_id = $1::uuid',
      params: [me],
    });
    expect(shapeWhere('clients', 'partner', p('partner'), {})).toEqual({
      where: 'deleted_at IS NULL AND partner_id = $1::uuid',
      params: [org],
    });
    expect(shapeWhere('clients', 'team', p('team'), { teamMemberIds: [mate, me] })).toEqual({
      where: 'deleted_at IS NULL AND owner_id = ANY ($1::uuid[])',
      params: [`{${me},${mate}}`],
    });
    expect(shapeWhere('tasks', 'team', p('team'), { teamMemberIds: [me] }).where).toBe(
      'deleted_at IS NULL AND (assignee_id = ANY ($1::uuid[]) OR created_by = ANY ($1::uuid[]))',
    );
    expect(shapeWhere('notes', 'partner', p('partner'), { clientIds: [], dealIds: [mate] })).toEqual({
      where: 'deleted_at IS NULL AND (false OR client_id = ANY ($1::uuid[]) OR deal_id = ANY ($2::uuid[]))',
      params: ['{}', `{${mate}}`],
    });
    expect(shapeWhere('pipelines', 'own', p('own'), {}).where).toBe('deleted_at IS NULL AND false');
    expect(shapeWhere('users', 'team', p('team'), {})).toEqual({
      where: 'deleted_at IS NULL AND team_id = $1::uuid',
      params: [team],
    });
  });

  it('keeps a personal resource (sync notices) to its own user, whatever the role holds', () => {
    const none: Principal = { ...p('all'), grants: new Map() };
    const admin: Principal = { ...p('all'), grants: new Map([['sync_notices:read', 'all']]) };
    for (const who of [none, admin, p('partner')]) {
      expect(scopeFor(who, 'sync_notices', 'read')).toBe('own');
      expect(scopeFor(who, 'sync_notices', 'update')).toBe('own');
      expect(scopeFor(who, 'sync_notices', 'create')).toBeNull();
      expect(scopeFor(who, 'sync_notices', 'delete')).toBeNull();
    }
    for (const scope of ['own', 'all'] as const) {
      expect(shapeWhere('sync_notices', scope, admin, {})).toEqual({
        where: 'deleted_at IS NULL AND user_id = $1::uuid',
        params: [me],
      });
    }
    expect(shapeFactsNeeded('sync_notices', 'own')).toEqual([]);
  });

  it('names the id lists it needs, and refuses anything but uuids in them', () => {
    expect(shapeFactsNeeded('clients', 'team')).toEqual(['teamMemberIds']);
    expect(shapeFactsNeeded('contacts', 'own')).toEqual(['clientIds']);
    expect(shapeFactsNeeded('notes', 'team')).toEqual(['teamMemberIds', 'clientIds', 'dealIds']);
    expect(shapeFactsNeeded('clients', 'all')).toEqual([]);
    expect(() => shapeWhere('contacts', 'own', p('own'), {})).toThrow(/clientIds/);
    expect(() => shapeWhere('contacts', 'own', p('own'), { clientIds: ["x'; drop"] })).toThrow(/uuid/);
  });
});
