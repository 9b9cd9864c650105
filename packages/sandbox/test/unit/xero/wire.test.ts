import { describe, expect, it } from 'vitest';
import {
  dayString,
  msDate,
  msDay,
  parseDayInput,
  parseInstant,
  usDateTime,
} from '../../../src/xero/dates.js';
import { stringify, wireNumber } from '../../../src/xero/json.js';
import { sign } from '../../../src/xero/webhooks.js';
import { createHmac } from 'node:crypto';

describe('Xero wire formats', () => {
  it('writes MS JSON dates and DateStrings', () => {
    expect(msDay('2018-10-20')).toBe('/Date(1539993600000+0000)/');
    expect(msDate(1541176290160)).toBe('/Date(1541176290160+0000)/');
    expect(dayString('2018-10-20')).toBe('2018-10-20T00:00:00');
    expect(usDateTime(Date.UTC(2023, 3, 9, 5, 16, 59))).toBe('04/09/2023 05:16:59');
  });

  it('reads the date forms clients send', () => {
    expect(parseDayInput('2020-10-10')).toBe('2020-10-10');
    expect(parseDayInput('2020-10-10T00:00:00')).toBe('2020-10-10');
    expect(parseDayInput('/Date(1539993600000+0000)/')).toBe('2018-10-20');
    expect(parseDayInput('2020-02-30')).toBeUndefined();
    expect(parseInstant('2020-02-06T12:17:43.202-08:00')).toBe(Date.UTC(2020, 1, 6, 20, 17, 43, 202));
    expect(parseInstant('2020-02-06T12:17:43')).toBe(Date.UTC(2020, 1, 6, 12, 17, 43));
  });

  it('keeps the scale of decimals in JSON numbers', () => {
    const text = stringify({
      Total: wireNumber('115'),
      Rate: wireNumber('1', 6),
      Neg: wireNumber('-0.5'),
      Name: 'x',
    });
    expect(text).toBe('{"Total":115.00,"Rate":1.000000,"Neg":-0.50,"Name":"x"}');
    expect(JSON.parse(text)).toEqual({ Total: 115, Rate: 1, Neg: -0.5, Name: 'x' });
  });

  it('signs webhook bodies as base64 HMAC-SHA256', () => {
    expect(sign('{"a":1}', 'k')).toBe(createHmac('sha256', 'k').update('{"a":1}').digest('base64'));
  });
});
