import { describe, expect, it } from 'vitest';
import { MAX_PERIOD_DAYS, parseInstant, parsePeriod, PeriodError } from '../../src/analytics/period.js';

const NOW = Date.UTC(2026, 10, 30, 12);

describe('report period', () => {
  it('reads dates as UTC midnight, ISO date-times, and epoch milliseconds', () => {
    expect(parseInstant('from', '2026-11-30')).toBe(Date.UTC(2026, 10, 30));
    expect(parseInstant('from', '2026-11-30T12:30:00Z')).toBe(Date.UTC(2026, 10, 30, 12, 30));
    expect(parseInstant('from', '2026-11-30T12:30:00+02:00')).toBe(Date.UTC(2026, 10, 30, 10, 30));
    expect(parseInstant('to', String(NOW))).toBe(NOW);
  });

  it('defaults to the seven days before now', () => {
    expect(parsePeriod({}, NOW)).toEqual({ from: NOW - 7 * 86_400_000, to: NOW });
    expect(parsePeriod({ to: '2026-11-10' }, NOW).from).toBe(Date.UTC(2026, 10, 3));
  });

  it('names the parameter and the expected forms when a value is not a date', () => {
    expect(() => parsePeriod({ from: 'last tuesday' }, NOW)).toThrow(PeriodError);
    expect(() => parsePeriod({ from: 'last tuesday' }, NOW)).toThrow(/from: "last tuesday" is not a date; use YYYY-MM-DD/);
    expect(() => parsePeriod({ to: '2026-13-45' }, NOW)).toThrow(/^to: /);
  });

  it('refuses a period that ends before it starts, or is too long', () => {
    expect(() => parsePeriod({ from: '2026-11-30', to: '2026-11-01' }, NOW)).toThrow(/must be before to/);
    expect(() => parsePeriod({ from: '2020-01-01', to: '2026-11-01' }, NOW)).toThrow(new RegExp(`longer than ${MAX_PERIOD_DAYS} days`));
  });
});
