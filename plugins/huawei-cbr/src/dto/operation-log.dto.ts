import type { CbrOffsetPage } from './cbr-common.dto';

export type CbrTaskStatus = 'success' | 'skipped' | 'failed' | 'running' | 'timeout' | 'waiting';

export type CbrOperationType =
  | 'backup'
  | 'copy'
  | 'replication'
  | 'restore'
  | 'delete'
  | 'sync'
  | 'vault_delete'
  | 'remove_resource';

/** OpExtraInfo (the seed spells it OpExtralInfo). */
export interface CbrOpExtraInfo {
  backup?: { backup_id?: string; backup_name?: string; incremental?: string };
  common?: { progress?: number; request_id?: string; task_id?: string };
  delete?: { backup_id?: string; backup_name?: string };
  resource?: { id?: string; name?: string; type?: string };
  restore?: { backup_id?: string; backup_name?: string; target_resource_id?: string; target_resource_name?: string };
  remove_resources?: { fail_count?: number; total_count?: number };
  vault_delete?: { fail_count?: number; total_count?: number };
  sync?: Record<string, number>;
}

/** OperationLog = a task (seed §4.1). */
export interface CbrOperationLog {
  id: string;
  checkpoint_id?: string | null;
  created_at: string;
  ended_at?: string | null;
  error_info?: { code: string; message: string } | null;
  extra_info?: CbrOpExtraInfo | null;
  operation_type: CbrOperationType;
  policy_id?: string | null;
  project_id?: string;
  provider_id?: string;
  started_at: string;
  status: CbrTaskStatus;
  updated_at?: string;
  vault_id?: string | null;
  vault_name?: string | null;
}

export interface CbrOperationLogList extends CbrOffsetPage {
  operation_logs: CbrOperationLog[];
}

export interface CbrOperationLogShow {
  operation_log: CbrOperationLog;
}
