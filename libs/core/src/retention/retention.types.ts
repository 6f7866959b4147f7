export interface GfsRetention {
  daily?: number;
  weekly?: number;
  monthly?: number;
  yearly?: number;
}

/** How long recovery points are kept. At least one rule is present; all counts are positive integers. */
export interface Retention {
  keepLast?: number;
  keepDays?: number;
  gfs?: GfsRetention;
}

export const RETENTION_RULES = ['keepLast', 'keepDays', 'gfs'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];
