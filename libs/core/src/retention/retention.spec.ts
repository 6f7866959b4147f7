import { type FieldError, ValidationFailedError } from '../errors/problem-error';
import { parseRetention, retentionDays } from './retention';

/** The field errors thrown by `fn`; fails the test when it does not throw a ValidationFailedError. */
function errorsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).extras.errors ?? [];
  }
  throw new Error('expected a ValidationFailedError');
}

describe('parseRetention', () => {
  it.each([
    [{ keepLast: 7 }],
    [{ keepDays: 36500 }],
    [{ gfs: { weekly: 4 } }],
    [{ keepLast: 10000, keepDays: 1, gfs: { daily: 7, weekly: 4, monthly: 12, yearly: 10000 } }],
  ])('accepts %j', (input) => {
    expect(parseRetention(input)).toEqual(input);
  });

  it('returns a clean copy without absent keys', () => {
    const input = { keepLast: 3, keepDays: undefined, gfs: { daily: 2, yearly: undefined } };
    const parsed = parseRetention(input);
    expect(parsed).toStrictEqual({ keepLast: 3, gfs: { daily: 2 } });
    expect(parsed.gfs).not.toBe(input.gfs);
  });

  it.each([
    ['not an object', 7, 'retention', /must be an object/],
    ['an array', [{ keepLast: 1 }], 'retention', /must be an object/],
    ['no rule', {}, 'retention', /at least one of keepLast, keepDays, gfs/],
    ['an unknown rule', { keepLast: 1, keepWeeks: 2 }, 'retention.keepWeeks', /not a known field/],
    ['keepLast 0', { keepLast: 0 }, 'retention.keepLast', /from 1 to 10000/],
    ['keepLast 10001', { keepLast: 10001 }, 'retention.keepLast', /from 1 to 10000/],
    ['a fractional keepLast', { keepLast: 2.5 }, 'retention.keepLast', /integer/],
    ['a string keepLast', { keepLast: '5' }, 'retention.keepLast', /integer/],
    ['a null keepDays', { keepDays: null }, 'retention.keepDays', /from 1 to 36500/],
    ['keepDays 36501', { keepDays: 36501 }, 'retention.keepDays', /from 1 to 36500/],
    ['gfs not an object', { gfs: 5 }, 'retention.gfs', /must be an object/],
    ['an empty gfs', { gfs: {} }, 'retention.gfs', /at least one of daily, weekly, monthly, yearly/],
    ['an unknown gfs tier', { gfs: { daily: 1, hourly: 24 } }, 'retention.gfs.hourly', /not a known field/],
    ['gfs weekly 0', { gfs: { weekly: 0 } }, 'retention.gfs.weekly', /from 1 to 10000/],
    ['gfs yearly 10001', { gfs: { yearly: 10001 } }, 'retention.gfs.yearly', /from 1 to 10000/],
  ])('refuses %s', (_, input, field, message) => {
    expect(errorsOf(() => parseRetention(input))).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('names fields under the caller-given path and reports every problem at once', () => {
    try {
      parseRetention({ keepLast: -1, gfs: { monthly: 1.5 }, extra: true }, 'policies[2].retention');
      throw new Error('not thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).extras.errors?.map((e) => e.field)).toEqual([
        'policies[2].retention.extra',
        'policies[2].retention.keepLast',
        'policies[2].retention.gfs.monthly',
      ]);
      expect((error as ValidationFailedError).message).toMatch(/^policies\[2\]\.retention\.extra: is not a known field; /);
    }
  });
});

describe('retentionDays', () => {
  it('has no time bound for keepLast alone', () => {
    expect(retentionDays({ keepLast: 30 })).toBeUndefined();
  });

  it.each([
    [{ keepDays: 30 }, 30],
    [{ keepLast: 500, keepDays: 14 }, 14],
    [{ gfs: { daily: 7 } }, 7],
    [{ gfs: { daily: 7, weekly: 4 } }, 28],
    [{ gfs: { daily: 7, weekly: 4, monthly: 12 } }, 360],
    [{ gfs: { daily: 7, weekly: 4, monthly: 12, yearly: 2 } }, 730],
    [{ keepDays: 400, gfs: { monthly: 12 } }, 400],
  ])('keeps %j for %i days', (retention, days) => {
    expect(retentionDays(retention)).toBe(days);
  });
});
