// Due dates from payment terms, as both books compute them: days after the invoice date, days
// after the end of its month, a day of its month (never before the invoice) or of the next.
import { describe, expect, it } from 'vitest';
import { dueDateFor } from '../../src/domain/due-dates.js';

describe('due dates from payment terms', () => {
  it('counts days after the invoice date (0: cash on delivery), across month and year ends', () => {
    expect(dueDateFor('2026-12-07', { day: 14, type: 'DAYSAFTERBILLDATE' })).toBe('2026-12-21');
    expect(dueDateFor('2026-12-20', { day: 14, type: 'DAYSAFTERBILLDATE' })).toBe('2027-01-03');
    expect(dueDateFor('2026-12-07', { day: 0, type: 'DAYSAFTERBILLDATE' })).toBe('2026-12-07');
    expect(dueDateFor('2028-02-20', { day: 10, type: 'DAYSAFTERBILLDATE' })).toBe('2028-03-01'); // leap year
  });

  it('counts days after the end of the invoice month', () => {
    expect(dueDateFor('2026-01-15', { day: 20, type: 'DAYSAFTERBILLMONTH' })).toBe('2026-02-20');
    expect(dueDateFor('2026-02-03', { day: 0, type: 'DAYSAFTERBILLMONTH' })).toBe('2026-02-28');
  });

  it("takes a day of the invoice's month, or the next month's once that day has passed", () => {
    expect(dueDateFor('2026-03-05', { day: 20, type: 'OFCURRENTMONTH' })).toBe('2026-03-20');
    expect(dueDateFor('2026-03-25', { day: 20, type: 'OFCURRENTMONTH' })).toBe('2026-04-20');
    // "Day 31" of a shorter month is its last day.
    expect(dueDateFor('2026-04-10', { day: 31, type: 'OFCURRENTMONTH' })).toBe('2026-04-30');
  });

  it('takes a day of the following month, kept within it', () => {
    expect(dueDateFor('2026-01-31', { day: 31, type: 'OFFOLLOWINGMONTH' })).toBe('2026-02-28');
    expect(dueDateFor('2026-12-15', { day: 15, type: 'OFFOLLOWINGMONTH' })).toBe('2027-01-15');
  });

  it('gives no date for terms it does not know', () => {
    expect(dueDateFor('2026-12-07', { day: 3, type: 'WHENEVER' })).toBeNull();
  });
});
