import type { GfsRetention, Retention, Schedule } from '@backbridge/core';
import type { IbmExtendedRetention, IbmRetention } from '../dto/ibm.dto';
import { periodDays } from './schedule.mapper';

/** IBM counts a month as 30 days and a year as 365. */
const DAYS_PER_UNIT: Record<string, number> = { Days: 1, Weeks: 7, Months: 30, Years: 365 };
const GFS_TIERS = [
  { key: 'weekly', unit: 'Weeks' },
  { key: 'monthly', unit: 'Months' },
  { key: 'yearly', unit: 'Years' },
] as const;

export interface IbmRetentionParts {
  retention: IbmRetention;
  extendedRetention: IbmExtendedRetention[];
}

export function retentionDaysOf(retention: IbmRetention | undefined): number | undefined {
  if (!retention) return undefined;
  return retention.duration * (DAYS_PER_UNIT[retention.unit] ?? 1);
}

/** IBM keeps points for a time only: counts become times, with a warning. */
export function toIbmRetention(retention: Retention, schedule: Schedule, warnings: string[]): IbmRetentionParts {
  const keepLastDays = retention.keepLast === undefined ? undefined : Math.max(1, Math.ceil(retention.keepLast * periodDays(schedule)));
  if (keepLastDays !== undefined) {
    warnings.push(`keepLast ${retention.keepLast} is kept as ${keepLastDays} days: IBM Backup and Recovery retains by time only`);
  }
  const gfs = retention.gfs;
  if (!gfs) {
    const days = Math.max(retention.keepDays ?? 0, keepLastDays ?? 0);
    return { retention: { unit: 'Days', duration: days }, extendedRetention: [] };
  }
  if (retention.keepDays !== undefined && gfs.daily !== undefined) warnings.push('keepDays and gfs.daily both set: the longer one is kept as the base retention');
  const baseDays = Math.max(gfs.daily ?? 0, retention.keepDays ?? 0, keepLastDays ?? 0) || 1;
  if (gfs.daily === undefined && retention.keepDays === undefined && keepLastDays === undefined) {
    warnings.push('gfs without a daily tier: the ordinary backups are kept 1 day');
  }
  const extendedRetention = GFS_TIERS.filter((tier) => gfs[tier.key] !== undefined).map((tier) => ({
    schedule: { unit: tier.unit, frequency: 1 },
    retention: { unit: tier.unit, duration: gfs[tier.key]! },
  }));
  if (gfs.monthly !== undefined || gfs.yearly !== undefined) warnings.push('IBM counts a month as 30 days and a year as 365 days');
  return { retention: { unit: 'Days', duration: baseDays }, extendedRetention };
}

export function fromIbmRetention(base: IbmRetention | undefined, extended: IbmExtendedRetention[] | null | undefined, warnings: string[]): Retention {
  const baseDays = retentionDaysOf(base) ?? 1;
  if (!base) warnings.push('the IBM policy has no retention; shown as 1 day');
  const gfs: GfsRetention = {};
  for (const entry of extended ?? []) {
    const tier = GFS_TIERS.find((t) => t.unit === entry.schedule.unit);
    const days = retentionDaysOf(entry.retention);
    if (!tier || days === undefined) {
      warnings.push(`extended retention every ${entry.schedule.frequency ?? 1} ${entry.schedule.unit} is not shown`);
      continue;
    }
    const perTier = DAYS_PER_UNIT[tier.unit];
    gfs[tier.key] = Math.max(gfs[tier.key] ?? 0, Math.ceil(days / perTier));
  }
  return Object.keys(gfs).length > 0 ? { gfs: { daily: baseDays, ...gfs } } : { keepDays: baseDays };
}
