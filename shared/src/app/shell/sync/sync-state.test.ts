import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../engine/contract.ts';
import { formatRelative } from './relative-time.ts';
import { syncStateOf } from './sync-state.ts';

const base: EngineStatus = {
  online: true,
  syncing: 'live',
  pending: 0,
  rejected: [],
  lastSyncedAt: null,
  lastPushedAt: null,
  errors: [],
};
const rejected = {
  mutationId: 'm',
  name: 'client.update',
  args: {},
  createdAt: '2030-01-01T00:00:00Z',
  code: 'forbidden',
  message: 'no',
  fields: [],
};

describe('sync state', () => {
  it('puts the most urgent first', () => {
    expect(syncStateOf(base, true)).toBe('synced');
    expect(syncStateOf(base, false)).toBe('offline');
    expect(syncStateOf({ ...base, online: false, pending: 2 }, true)).toBe('offline');
    expect(
      syncStateOf(
        { ...base, rejected: [rejected], errors: [{ source: 'push', message: 'x', at: '' }] },
        true,
      ),
    ).toBe('rejected');
    expect(syncStateOf({ ...base, errors: [{ source: 'sync', message: 'x', at: '' }] }, true)).toBe('error');
    expect(syncStateOf({ ...base, syncing: 'initial', pending: 1 }, true)).toBe('initial');
    expect(syncStateOf({ ...base, pending: 1 }, true)).toBe('pending');
    expect(syncStateOf({ ...base, online: null, syncing: 'off' }, true)).toBe('connecting');
  });

  it('says how long ago in the interface language', () => {
    const now = Date.parse('2030-01-01T12:00:00Z');
    expect(formatRelative(null, now, 'ru')).toBeNull();
    expect(formatRelative('garbage', now, 'ru')).toBeNull();
    expect(formatRelative('2030-01-01T11:59:50Z', now, 'ru')).toBe('сейчас');
    expect(formatRelative('2030-01-01T11:55:00Z', now, 'ru')).toBe('5 минут назад');
    expect(formatRelative('2030-01-01T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(formatRelative('2029-12-31T12:00:00Z', now, 'ru')).toBe('вчера');
  });
});
