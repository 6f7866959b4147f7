import { ValidationFailedError } from '@backbridge/core';
import createExample from '../../test/fixtures/policy-create.json';
import updateExample from '../../test/fixtures/policy-update.json';
import { fromOperationDefinition, toOperationDefinition } from './retention.mapper';

const winter = new Date('2026-01-15T00:00:00Z');

describe('fromOperationDefinition', () => {
  it('reads the examples: retention_duration_days 1 → keepDays; max_backups 1 → keepLast; zero long-term counts are unset', () => {
    expect(fromOperationDefinition(createExample.response.policy.operation_definition).retention).toEqual({ keepDays: 1 });
    expect(fromOperationDefinition(updateExample.response.policy.operation_definition).retention).toEqual({ keepLast: 1 });
  });

  it('reads long-term counts as GFS, and says when nothing limits retention', () => {
    expect(fromOperationDefinition({ max_backups: 10, week_backups: 4, month_backups: 12, timezone: 'UTC+08:00' }).retention).toEqual({ keepLast: 10, gfs: { weekly: 4, monthly: 12 } });
    expect(fromOperationDefinition({ max_backups: -1 }).warnings[0]).toMatch(/permanently/);
  });
});

describe('toOperationDefinition', () => {
  it('writes GFS with the time zone of the schedules, rounded to whole hours with a warning', () => {
    expect(toOperationDefinition({ keepLast: 5, gfs: { daily: 7, yearly: 2 } }, 'Asia/Shanghai', winter)).toEqual({
      definition: { max_backups: 5, day_backups: 7, week_backups: 0, month_backups: 0, year_backups: 2, timezone: 'UTC+08:00' },
      warnings: [],
    });
    const india = toOperationDefinition({ keepDays: 3, gfs: { weekly: 1 } }, 'Asia/Kolkata', winter);
    expect(india.definition.timezone).toBe('UTC+06:00');
    expect(india.warnings[0]).toMatch(/rounded/);
  });

  it('refuses counts beyond what CBR accepts', () => {
    expect(() => toOperationDefinition({ gfs: { daily: 101 } }, 'UTC', winter)).toThrow(ValidationFailedError);
    expect(() => toOperationDefinition({ keepLast: 100_000 }, 'UTC', winter)).toThrow(/99999/);
  });
});
