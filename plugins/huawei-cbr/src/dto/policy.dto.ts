/** Policy, PolicyCreate, PolicyUpdate (seed §4.6). */

export interface CbrOperationDefinition {
  max_backups?: number;
  retention_duration_days?: number;
  day_backups?: number;
  week_backups?: number;
  month_backups?: number;
  year_backups?: number;
  /** `UTC+08:00`; mandatory when one of the *_backups is set. */
  timezone?: string;
  full_backup_interval?: number;
}

export interface CbrPolicyTrigger {
  id?: string;
  name?: string;
  type?: 'time';
  properties: {
    /** iCalendar RRULEs, UTC: FREQ=DAILY|WEEKLY, INTERVAL, BYDAY, BYHOUR, BYMINUTE. */
    pattern: string[];
    /** `2019-05-08 06:57:05` (space, no zone). */
    start_time?: string;
  };
}

export interface CbrPolicy {
  id: string;
  name: string;
  enabled: boolean;
  operation_type: 'backup' | 'replication';
  operation_definition: CbrOperationDefinition;
  trigger: CbrPolicyTrigger;
  associated_vaults?: { vault_id: string; destination_vault_id?: string | null }[] | null;
}

export interface CbrPolicyCreate {
  name: string;
  enabled?: boolean;
  operation_type: 'backup';
  operation_definition: CbrOperationDefinition;
  trigger: { properties: { pattern: string[] } };
}

export type CbrPolicyUpdate = Partial<Omit<CbrPolicyCreate, 'operation_type'>>;

export interface CbrPolicyList {
  policies: CbrPolicy[];
  count: number;
}

export interface CbrPolicyShow {
  policy: CbrPolicy;
}
