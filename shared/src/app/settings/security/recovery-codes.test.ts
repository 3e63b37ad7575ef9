import { describe, expect, it } from 'vitest';
import { groupSecret, recoveryCodesFile } from './recovery-codes.ts';

describe('recovery codes and secrets', () => {
  it('groups a secret by four for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('JBSWY3DPEHPK3PX')).toBe('JBSW Y3DP EHPK 3PX');
    expect(groupSecret(' JBSW Y3DP ')).toBe('JBSW Y3DP');
  });

  it('writes one code a line under a heading', () => {
    const text = recoveryCodesFile(
      ['AAAA-BBBB', 'CCCC-DDDD'],
      'a@b.c',
      new Date('2026-01-02T03:04:05Z'),
      'Codes',
    );
    expect(text.split('\n')).toEqual([
      'Codes',
      'a@b.c',
      '2026-01-02T03:04:05.000Z',
      '',
      'AAAA-BBBB',
      'CCCC-DDDD',
      '',
    ]);
  });
});
