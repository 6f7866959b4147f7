import { type FieldError, ValidationFailedError } from '../errors/problem-error';
import { type GfsRetention, RETENTION_RULES, type Retention } from './retention.types';

const GFS_KEYS = ['daily', 'weekly', 'monthly', 'yearly'] as const;
const MAX = { keepLast: 10_000, keepDays: 36_500, gfs: 10_000 };
/** How many days one point of each GFS tier covers, for retentionDays (a month counts as 30 days). */
const GFS_DAYS: Record<keyof GfsRetention, number> = { daily: 1, weekly: 7, monthly: 30, yearly: 365 };

/** Validates a retention policy (collecting every problem) and returns a clean copy. */
export function parseRetention(input: unknown, field = 'retention'): Retention {
  const errors: FieldError[] = [];
  const problem = (path: string, message: string) => errors.push({ field: path, message });
  const count = (value: unknown, path: string, max: number): number | undefined => {
    if (value === undefined) return undefined;
    if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max) return value as number;
    problem(path, `must be an integer from 1 to ${max}`);
    return undefined;
  };

  if (!isRecord(input)) {
    problem(field, 'must be an object');
    return fail(errors);
  }
  unknownKeys(input, RETENTION_RULES, field, problem);
  const result: Retention = {};
  const keepLast = count(input.keepLast, `${field}.keepLast`, MAX.keepLast);
  const keepDays = count(input.keepDays, `${field}.keepDays`, MAX.keepDays);
  if (keepLast !== undefined) result.keepLast = keepLast;
  if (keepDays !== undefined) result.keepDays = keepDays;

  if (input.gfs !== undefined) {
    const gfs = input.gfs;
    if (!isRecord(gfs)) {
      problem(`${field}.gfs`, 'must be an object { daily?, weekly?, monthly?, yearly? }');
    } else if (!GFS_KEYS.some((key) => gfs[key] !== undefined)) {
      problem(`${field}.gfs`, `must set at least one of ${GFS_KEYS.join(', ')}`);
    } else {
      unknownKeys(gfs, GFS_KEYS, `${field}.gfs`, problem);
      result.gfs = {};
      for (const key of GFS_KEYS) {
        const value = count(gfs[key], `${field}.gfs.${key}`, MAX.gfs);
        if (value !== undefined) result.gfs[key] = value;
      }
    }
  }
  if (RETENTION_RULES.every((rule) => input[rule] === undefined)) {
    problem(field, `must set at least one of ${RETENTION_RULES.join(', ')}`);
  }
  return errors.length > 0 ? fail(errors) : result;
}

/** The longest any rule keeps a point, in days; undefined when only keepLast applies (no time bound). */
export function retentionDays(retention: Retention): number | undefined {
  const spans = [
    retention.keepDays,
    ...GFS_KEYS.map((key) => (retention.gfs?.[key] === undefined ? undefined : retention.gfs[key]! * GFS_DAYS[key])),
  ].filter((days): days is number => days !== undefined);
  return spans.length > 0 ? Math.max(...spans) : undefined;
}

function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  path: string,
  problem: (path: string, message: string) => void,
): void {
  for (const key of Object.keys(value).filter((k) => !known.includes(k))) {
    problem(`${path}.${key}`, 'is not a known field');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(errors: FieldError[]): never {
  throw new ValidationFailedError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
