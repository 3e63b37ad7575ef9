import { describe, expect, it } from 'vitest';
import { customFieldCreate } from '../../../mutations/custom-fields/create.ts';
import { customFieldUpdate } from '../../../mutations/custom-fields/update.ts';
import {
  type CustomFieldRow,
  cleanOptions,
  createArgs,
  type FieldFormValues,
  suggestKey,
  updateArgs,
} from './field-form.ts';

const ID = '0190f0d2-7a4e-7b7c-9f3e-0c1d2e3f4a5b';
const values = (v: Partial<FieldFormValues> = {}): FieldFormValues => ({
  key: 'source',
  label: 'Источник',
  type: 'text',
  options: [],
  required: false,
  position: 0,
  ...v,
});
const row = (v: Partial<CustomFieldRow> = {}): CustomFieldRow => ({
  id: ID,
  entity: 'clients',
  key: 'source',
  label: 'Источник',
  type: 'select',
  options: ['Сайт', 'Звонок'],
  required: false,
  position: 10,
  version: 2,
  deleted_at: null,
  ...v,
});

describe('suggestKey', () => {
  it('transliterates Russian labels into a valid key', () => {
    expect(suggestKey('Источник лида')).toBe('istochnik_lida');
    expect(suggestKey('  Щётка / ёжик №5 ')).toBe('shchetka_ezhik_5');
    expect(suggestKey('VIP-статус')).toBe('vip_status');
    expect(suggestKey('2-й телефон')).toBe('f_2_y_telefon');
    expect(suggestKey('!!!')).toBe('');
    expect(
      suggestKey('Очень длинное название поля, которое не влезет в сорок символов').length,
    ).toBeLessThanOrEqual(40);
  });

  it('makes keys the create schema accepts', () => {
    for (const label of ['Источник лида', 'VIP-статус', '2-й телефон', 'Дата рождения', 'ИНН/КПП']) {
      expect(createArgs(ID, 'clients', values({ key: suggestKey(label), label }), []).ok).toBe(true);
    }
  });
});

describe('createArgs', () => {
  it('builds input the mutator accepts', () => {
    const r = createArgs(
      ID,
      'deals',
      values({ type: 'select', options: [' Сайт ', '', 'сайт', 'Звонок'] }),
      [],
    );
    expect(r).toEqual({
      ok: true,
      args: {
        id: ID,
        entity: 'deals',
        key: 'source',
        label: 'Источник',
        type: 'select',
        options: ['Сайт', 'Звонок'],
        required: false,
        position: 0,
      },
    });
    if (r.ok) expect(customFieldCreate.input.safeParse(r.args).success).toBe(true);
  });

  it('names the failing fields', () => {
    const r = createArgs(ID, 'clients', values({ key: 'Bad Key', label: ' ', type: 'multiselect' }), []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['key', 'label', 'options']);
  });

  it('refuses a key the entity already uses, deleted fields included', () => {
    expect(createArgs(ID, 'clients', values(), [row()])).toEqual({ ok: false, errors: { key: 'key_taken' } });
    expect(createArgs(ID, 'clients', values(), [row({ deleted_at: '2025-01-01T00:00:00Z' })])).toEqual({
      ok: false,
      errors: { key: 'key_of_deleted' },
    });
    expect(createArgs(ID, 'deals', values(), [row()]).ok).toBe(true);
  });

  it('drops options of a type without them', () => {
    const r = createArgs(ID, 'clients', values({ type: 'number', options: ['x'] }), []);
    expect(r.ok && r.args.options).toEqual([]);
  });
});

describe('updateArgs', () => {
  it('patches only what changed, with its base', () => {
    const r = updateArgs(
      row(),
      values({ label: 'Откуда пришёл', type: 'select', options: ['Сайт', 'Звонок'], position: 10 }),
    );
    expect(r).toEqual({
      ok: true,
      args: { id: ID, patch: { label: 'Откуда пришёл' }, base: { label: 'Источник' } },
    });
    if (r?.ok) expect(customFieldUpdate.input.safeParse(r.args).success).toBe(true);
  });

  it('is null when nothing changed', () => {
    expect(
      updateArgs(row(), values({ type: 'select', options: ['Сайт', 'Звонок'], position: 10 })),
    ).toBeNull();
  });

  it('refuses a select without options', () => {
    expect(updateArgs(row(), values({ options: [' '], position: 10 }))).toEqual({
      ok: false,
      errors: { options: 'options_needed' },
    });
  });
});

describe('cleanOptions', () => {
  it('trims, drops blanks and case-insensitive repeats', () => {
    expect(cleanOptions(['a', ' A', '', 'b ', 'b'])).toEqual(['a', 'b']);
  });
});
