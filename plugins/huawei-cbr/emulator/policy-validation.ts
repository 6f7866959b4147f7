import { invalid } from './cbr-format';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const TIMEZONE = /^UTC[+-]\d{2}:00$/;

/** PolicyODCreate: integers in their documented ranges, nothing else (seed §4.6.1). */
const DEFINITION_RANGES: Record<string, [number, number]> = {
  max_backups: [-1, 99999],
  retention_duration_days: [-1, 99999],
  day_backups: [0, 100],
  week_backups: [0, 100],
  month_backups: [0, 100],
  year_backups: [0, 100],
  full_backup_interval: [-1, 100],
};

export function validateName(value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value)) throw invalid('name must be 1 to 64 letters, digits, underscores or hyphens');
  return value;
}

export function validateOperationDefinition(value: unknown): Record<string, number | string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('operation_definition must be an object');
  const result: Record<string, number | string> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'timezone') {
      if (typeof raw !== 'string' || !TIMEZONE.test(raw)) throw invalid('timezone must look like UTC+08:00');
      result.timezone = raw;
      continue;
    }
    const range = DEFINITION_RANGES[key];
    if (!range) throw invalid(`invalid key ${key}`);
    if (!Number.isInteger(raw) || (raw as number) < range[0] || (raw as number) > range[1] || raw === 0 && (key === 'max_backups' || key === 'retention_duration_days')) {
      throw invalid(`${key} must be an integer from ${range[0]} to ${range[1]}`);
    }
    result[key] = raw as number;
  }
  const longTerm = ['day_backups', 'week_backups', 'month_backups', 'year_backups'].some((k) => k in result);
  if (longTerm && result.timezone === undefined) throw invalid('timezone is mandatory with day_backups, week_backups, month_backups or year_backups');
  return result;
}

interface Rule {
  freq: string;
  days: string[];
  minutes: number[];
}

function parseRule(pattern: string): Rule {
  const parts = new Map<string, string>();
  for (const part of pattern.split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || !['FREQ', 'INTERVAL', 'BYDAY', 'BYHOUR', 'BYMINUTE'].includes(key)) throw invalid(`pattern ${pattern}: only FREQ, BYDAY, BYHOUR, BYMINUTE and INTERVAL are supported`);
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') throw invalid(`pattern ${pattern}: FREQ can only be WEEKLY or DAILY`);
  const list = (key: string, min: number, max: number) => {
    const values = (parts.get(key) ?? '').split(',').map(Number);
    if (values.some((n) => !Number.isInteger(n) || n < min || n > max)) throw invalid(`pattern ${pattern}: ${key} ranges from ${min} to ${max}`);
    return values;
  };
  if (!parts.has('BYHOUR') || !parts.has('BYMINUTE')) throw invalid(`pattern ${pattern}: BYHOUR and BYMINUTE are mandatory`);
  const hours = list('BYHOUR', 0, 23);
  const minutes = list('BYMINUTE', 0, 59);
  if (parts.has('INTERVAL') && !/^[1-9]\d*$/.test(parts.get('INTERVAL')!)) throw invalid(`pattern ${pattern}: INTERVAL must be a positive integer`);
  const days = freq === 'WEEKLY' ? (parts.get('BYDAY') ?? '').split(',') : DAYS;
  if (days.some((d) => !DAYS.includes(d))) throw invalid(`pattern ${pattern}: BYDAY can be MO, TU, WE, TH, FR, SA and SU`);
  return { freq, days, minutes: hours.flatMap((h) => minutes.map((m) => h * 60 + m)) };
}

/** At most 24 rules, at most 24 time points a day, at least an hour apart. */
export function validatePatterns(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 24 || value.some((p) => typeof p !== 'string')) {
    throw invalid('trigger.properties.pattern must hold 1 to 24 rules');
  }
  const rules = (value as string[]).map(parseRule);
  for (const day of DAYS) {
    const minutes = rules.filter((r) => r.days.includes(day)).flatMap((r) => r.minutes).sort((a, b) => a - b);
    if (minutes.length > 24) throw invalid('a maximum of 24 time points are allowed in a day');
    if (minutes.some((m, i) => i > 0 && m - minutes[i - 1] < 60)) throw invalid('the scheduling interval cannot be less than 1 hour');
  }
  return value as string[];
}
