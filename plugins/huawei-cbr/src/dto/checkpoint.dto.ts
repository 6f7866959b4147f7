/** Restore points (seed §4.3). */

export type CbrCheckpointStatus = 'available' | 'deleting' | 'protecting' | 'deleted' | 'error-deleting' | 'error';

export interface CbrCheckpointParam {
  auto_trigger?: boolean;
  description?: string;
  incremental?: boolean;
  name?: string;
  resources?: string[];
}

export interface CbrCheckpointCreateBody {
  checkpoint: { vault_id: string; parameters?: CbrCheckpointParam };
}

export interface CbrSkippedResource {
  id: string;
  type?: string;
  name?: string;
  code?: string;
  reason?: string;
}

/** CheckpointCreate: sizes and counts of its resources come as strings. */
export interface CbrCheckpoint {
  id: string;
  created_at: string;
  project_id?: string;
  status: CbrCheckpointStatus;
  vault?: {
    id: string;
    name?: string;
    resources?: { id: string; name?: string; type?: string; protect_status?: string; resource_size?: string; extra_info?: string | null }[];
    skipped_resources?: CbrSkippedResource[];
  } | null;
  extra_info?: { name?: string; description?: string; retention_duration?: number } | null;
}

export interface CbrCheckpointShow {
  checkpoint: CbrCheckpoint;
}
