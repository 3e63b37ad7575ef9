import { describe, expect, it } from 'vitest';
import {
  checkInviteAccept,
  checkInviteEmail,
  checkLot,
  checkMoney,
  checkOrg,
  type LotValues,
  placeServerIssues,
} from './form-checks.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const localIn = (ms: number) => {
  const d = new Date(NOW + ms);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};
const lot = (over: Partial<LotValues> = {}): LotValues => ({
  clientId: '0190a6a4-5d2b-7c3e-8f00-123456789abc',
  title: '',
  territory: ' Томская область ',
  type: 'english',
  start: '1 500',
  step: '100,50',
  reserve: '',
  buyNow: '',
  endsAt: localIn(48 * 3_600_000),
  ...over,
});

describe('the lot form', () => {
  it('makes the request body in kopecks, the lead’s name as the title when none was typed', () => {
    const checked = checkLot(lot(), 'Заявка: окна', NOW);
    expect(checked).toEqual({
      ok: true,
      body: {
        clientId: '0190a6a4-5d2b-7c3e-8f00-123456789abc',
        type: 'english',
        title: 'Заявка: окна',
        territory: 'Томская область',
        startPrice: 150_000,
        reservePrice: 0,
        minIncrement: 10_050,
        buyNowPrice: null,
        endsAt: new Date(NOW + 48 * 3_600_000).toISOString(),
      },
    });
  });

  it('names every field that is not right, each with its own reason', () => {
    const checked = checkLot(
      lot({ clientId: null, start: 'abc', step: '0', reserve: '-5', buyNow: 'x', endsAt: localIn(-60_000) }),
      '',
      NOW,
    );
    expect(checked).toEqual({
      ok: false,
      issues: {
        clientId: 'form.leadRequired',
        start: 'form.amountPositive',
        step: 'form.amountPositive',
        reserve: 'form.amountOptional',
        buyNow: 'form.amountOptional',
        endsAt: 'form.endsAtFuture',
      },
    });
  });

  it('refuses a buy-now price under the start or reserve, an end over 30 days ahead, no end at all', () => {
    expect(checkLot(lot({ buyNow: '1000', reserve: '2000' }), 'x', NOW)).toMatchObject({
      ok: false,
      issues: { buyNow: 'form.buyNowLow' },
    });
    expect(checkLot(lot({ endsAt: localIn(31 * 86_400_000) }), 'x', NOW)).toMatchObject({
      ok: false,
      issues: { endsAt: 'form.endsAtFar' },
    });
    expect(checkLot(lot({ endsAt: '' }), 'x', NOW)).toMatchObject({
      ok: false,
      issues: { endsAt: 'form.endsAtRequired' },
    });
  });
});

describe('the deposit form', () => {
  it('takes a positive deposit and a signed, non-zero adjustment', () => {
    expect(checkMoney({ kind: 'deposit', partnerId: 'p', amount: '25 000', memo: ' п/п 5 ' })).toEqual({
      ok: true,
      body: { partnerId: 'p', amount: 2_500_000, memo: 'п/п 5' },
    });
    expect(checkMoney({ kind: 'adjustment', partnerId: 'p', amount: '-10', memo: 'x' })).toMatchObject({
      ok: true,
      body: { amount: -1_000 },
    });
  });

  it('says what is missing', () => {
    expect(checkMoney({ kind: 'deposit', partnerId: null, amount: '-10', memo: ' ' })).toEqual({
      ok: false,
      issues: { partnerId: 'form.partnerRequired', amount: 'form.amountPositive', memo: 'form.memoRequired' },
    });
    expect(checkMoney({ kind: 'adjustment', partnerId: 'p', amount: '0', memo: 'x' })).toEqual({
      ok: false,
      issues: { amount: 'form.amountNonZero' },
    });
  });
});

describe('the organisation form', () => {
  const org = {
    name: ' ООО «Тест» ',
    inn: '',
    kind: 'franchisee',
    territory: '',
    grade: 'gold',
    status: 'active',
    contacts: [
      { name: 'Анна', phone: '+7 3822 11-22-33', email: 'Anna@Example.RU', position: '' },
      { name: '', phone: '', email: '', position: '' },
    ],
  };

  it('trims, leaves blank contact rows out and an empty territory as anywhere', () => {
    expect(checkOrg(org)).toEqual({
      ok: true,
      body: {
        name: 'ООО «Тест»',
        inn: null,
        kind: 'franchisee',
        territory: null,
        grade: 'gold',
        status: 'active',
        contacts: [{ name: 'Анна', phone: '+7 3822 11-22-33', email: 'anna@example.ru' }],
      },
    });
  });

  it('marks the name, a wrong INN and each bad contact field by its path', () => {
    const checked = checkOrg({
      ...org,
      name: ' ',
      inn: '1234567890',
      contacts: [{ name: '', phone: 'звоните', email: 'anna@', position: 'Директор' }],
    });
    expect(checked).toEqual({
      ok: false,
      issues: {
        name: 'form.nameRequired',
        inn: 'form.innInvalid',
        'contacts.0.name': 'form.contactNameRequired',
        'contacts.0.phone': 'form.phoneInvalid',
        'contacts.0.email': 'form.emailInvalid',
      },
    });
    expect(checkOrg({ ...org, inn: '7707083893' })).toMatchObject({ ok: true, body: { inn: '7707083893' } });
  });
});

describe('the invitation', () => {
  it('checks the invitee’s e-mail', () => {
    expect(checkInviteEmail(' New@Partner.RU ')).toEqual({ ok: true, body: 'new@partner.ru' });
    expect(checkInviteEmail('')).toEqual({ ok: false, issues: { email: 'form.emailRequired' } });
    expect(checkInviteEmail('new@')).toEqual({ ok: false, issues: { email: 'form.emailInvalid' } });
  });

  it('checks the name and the password the invitee chooses', () => {
    expect(checkInviteAccept({ name: ' Анна ', password: 'long-password', repeat: 'long-password' })).toEqual(
      {
        ok: true,
        body: { name: 'Анна', password: 'long-password' },
      },
    );
    expect(checkInviteAccept({ name: '', password: 'short', repeat: '' })).toEqual({
      ok: false,
      issues: { name: 'form.personNameRequired', password: 'form.passwordShort' },
    });
    expect(checkInviteAccept({ name: 'A', password: 'long-password', repeat: 'long-passwort' })).toEqual({
      ok: false,
      issues: { repeat: 'form.passwordMismatch' },
    });
  });
});

it('puts a server’s field refusals under the inputs it knows, the rest under the form', () => {
  expect(
    placeServerIssues(
      { startPrice: 'too big', idempotencyKey: 'bad', minIncrement: 'x' },
      { startPrice: 'start', minIncrement: 'step' },
    ),
  ).toEqual({ byField: { start: 'too big', step: 'x' }, rest: ['idempotencyKey: bad'] });
});
