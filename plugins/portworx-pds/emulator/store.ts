import type { VendorClock } from '@backbridge/emulator-kit';
import {
  pdsTime,
  type Account,
  type Backup,
  type BackupJob,
  type BackupPolicy,
  type BackupTarget,
  type DataService,
  type Deployment,
  type DeploymentTarget,
  type Namespace,
  type Project,
  type Restore,
  type Tenant,
} from './models';

/** Unscaled durations of the vendor's asynchronous work (scaled by the clock's timeScale). */
export const WORK_MS = {
  /** An adhoc Backup CR is `pending` this long, then `created` and its job starts. */
  backupCrReady: 1_000,
  /** The backup job is `Active` this long after it starts. */
  backupJobRuns: 3_000,
  /** Each restore step (Pending, RestoringCloudSnap, ... DeploymentEnteringNormalMode) takes this long. */
  restoreStep: 800,
} as const;

/** The restore statuses in the order the target cluster reports them (models.DeploymentManifest.restore_status). */
export const RESTORE_STEPS = ['Pending', 'RestoringCloudSnap', 'RestoringDataServiceCR', 'RestoringDeployment', 'DeploymentEnteringNormalMode'] as const;

/** Which policy and target a deployment's `scheduled_backup` names: PDS keeps it, but no read returns it. */
export interface ScheduledBackupRef {
  backup_policy_id: string;
  backup_target_id: string;
}

/** A Map that counts the changes to its keys (what list views are kept by). */
export class VersionedMap<K, V> extends Map<K, V> {
  version = 0;

  override set(key: K, value: V): this {
    this.version += 1;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.version += 1;
    return super.delete(key);
  }

  override clear(): void {
    this.version += 1;
    super.clear();
  }
}

/**
 * The emulator's in-memory PDS control plane. Asynchronous work is not driven by timers: `advance()`
 * runs before each request and moves every started backup and restore to the state its age implies.
 */
export class PdsStore {
  account!: Account;
  tenant!: Tenant;
  project!: Project;
  readonly deploymentTargets = new Map<string, DeploymentTarget>();
  readonly namespaces = new Map<string, Namespace>();
  readonly dataServices = new Map<string, DataService>();
  readonly deployments = new Map<string, Deployment>();
  readonly backupTargets = new Map<string, BackupTarget>();
  readonly policies = new Map<string, BackupPolicy>();
  readonly backups = new Map<string, Backup>();
  readonly jobs = new VersionedMap<string, BackupJob>();
  readonly restores = new Map<string, Restore>();
  readonly scheduledBackups = new Map<string, ScheduledBackupRef>();
  /** When each adhoc Backup / Restore was started (emulator clock, ms). */
  private readonly adhocStartedAt = new Map<string, number>();
  private readonly restoreStartedAt = new Map<string, number>();

  constructor(
    readonly clock: VendorClock,
    readonly newId: () => string,
  ) {}

  now(): string {
    return pdsTime(this.clock.now());
  }

  // ------------------------------------------------------------------------------------- backups

  /** POST /api/deployments/{id}/backups. */
  createBackup(deployment: Deployment, body: Pick<Backup, 'backup_level' | 'backup_target_id' | 'backup_type' | 'job_history_limit' | 'schedule'>): Backup {
    const id = this.newId();
    const now = this.now();
    const backup: Backup = {
      id,
      deployment_id: deployment.id,
      deployment_name: deployment.name,
      data_service_id: deployment.data_service_id,
      project_id: deployment.project_id,
      tenant_id: deployment.tenant_id,
      account_id: deployment.account_id,
      deployment_target_id: deployment.deployment_target_id,
      namespace_id: deployment.namespace_id,
      backup_target_id: body.backup_target_id,
      backup_type: body.backup_type,
      backup_level: body.backup_level,
      schedule: body.schedule,
      job_history_limit: body.job_history_limit,
      reclaim_policy: 'retain',
      state: body.backup_type === 'adhoc' ? 'pending' : 'created',
      suspend: false,
      cluster_resource_name: `backup-${id}`,
      created_at: now,
      updated_at: now,
    };
    this.backups.set(id, backup);
    if (body.backup_type === 'adhoc') this.adhocStartedAt.set(id, this.clock.now());
    return backup;
  }

  /**
   * A job of `backup`, as the agent would upsert it. Seeding history in bulk skips the pruning (the
   * Backup's `job_history_limit` is set to hold it all), which would scan every job each time.
   */
  addJob(backup: Backup, startMs: number, fields: Partial<BackupJob> = {}, options: { prune?: boolean } = {}): BackupJob {
    const id = this.newId();
    const deployment = this.deployments.get(backup.deployment_id);
    const start = pdsTime(startMs);
    const job: BackupJob = {
      id,
      name: `${backup.cluster_resource_name}-${Math.floor(startMs / 1000)}`,
      backup_id: backup.id,
      deployment_id: backup.deployment_id,
      deployment_target_id: backup.deployment_target_id,
      namespace_id: backup.namespace_id,
      project_id: backup.project_id,
      image_id: deployment?.image_id ?? '',
      completion_status: 'Active',
      error_code: '',
      error_message: '',
      start_time: start,
      completion_time: '',
      timestamp: start,
      file_size: 0,
      cloud_snap_id: '',
      cloud_credential_name: `px-${backup.backup_target_id.slice(0, 8)}`,
      backup_capability: '1.0.0',
      backup_spec: { backup_level: backup.backup_level, backup_type: backup.backup_type },
      data_service_spec: { node_count: deployment?.node_count ?? 1 },
      created_at: start,
      updated_at: start,
      ...fields,
    };
    this.jobs.set(id, job);
    if (options.prune !== false) this.pruneJobs(backup);
    return job;
  }

  /** Completes a job the way the agent reports it. */
  finishJob(job: BackupJob, endMs: number, fileSize: number, failure?: { code: string; message: string }): void {
    job.completion_status = failure ? 'Failed' : 'Succeeded';
    job.completion_time = pdsTime(endMs);
    job.updated_at = job.completion_time;
    job.timestamp = job.completion_time;
    if (failure) {
      job.error_code = failure.code;
      job.error_message = failure.message;
    } else {
      job.file_size = fileSize;
      job.cloud_snap_id = `pds-${job.id}`;
    }
  }

  /** Keeps only the newest `job_history_limit` jobs of a Backup, as the Backup CR does. */
  private pruneJobs(backup: Backup): void {
    const own = [...this.jobs.values()].filter((j) => j.backup_id === backup.id).sort((a, b) => (a.start_time < b.start_time ? 1 : -1));
    for (const old of own.slice(Math.max(1, backup.job_history_limit))) this.jobs.delete(old.id);
  }

  // ------------------------------------------------------------------------------------- restores

  /** POST /api/backup-jobs/{id}/restore: a new deployment that will hold the restored data. */
  startRestore(job: BackupJob, body: { name: string; deployment_target_id: string; namespace_id: string }): Restore {
    const source = this.deployments.get(job.deployment_id);
    const id = this.newId();
    const deploymentId = this.newId();
    const now = this.now();
    const restore: Restore = {
      id,
      name: body.name,
      backup_job_id: job.id,
      deployment_id: deploymentId,
      deployment_target_id: body.deployment_target_id,
      namespace_id: body.namespace_id,
      cluster_resource_name: `restore-${body.name}-${id.slice(0, 8)}`,
      cloud_snap_id: job.cloud_snap_id,
      cloud_credential_name: job.cloud_credential_name,
      apply_status: 'Applied',
      status: '',
      error_code: '',
      start_time: now,
      completion_time: '',
      timestamp: now,
      created_at: now,
      updated_at: now,
    };
    this.restores.set(id, restore);
    this.restoreStartedAt.set(id, this.clock.now());
    const dataService = this.dataServices.get(source?.data_service_id ?? '');
    this.deployments.set(deploymentId, {
      id: deploymentId,
      name: body.name,
      cluster_resource_name: `${dataService?.short_name ?? 'ds'}-${body.name}-${deploymentId.slice(0, 5)}`,
      account_id: this.account.id,
      tenant_id: this.tenant.id,
      project_id: this.project.id,
      deployment_target_id: body.deployment_target_id,
      namespace_id: body.namespace_id,
      data_service_id: source?.data_service_id ?? '',
      version_id: source?.version_id ?? '',
      image_id: job.image_id,
      node_count: Number((job.data_service_spec as { node_count?: number }).node_count ?? 1),
      service_type: 'ClusterIP',
      state: 'pending',
      dns_zone: source?.dns_zone ?? '',
      tls_enabled: source?.tls_enabled ?? false,
      restore_id: id,
      created_at: now,
      updated_at: now,
    });
    return restore;
  }

  // ------------------------------------------------------------------------------------- the clock

  /** Moves every started backup and restore to the state its age implies. */
  advance(): void {
    const now = this.clock.now();
    for (const [backupId, startedAt] of this.adhocStartedAt) {
      const backup = this.backups.get(backupId);
      if (!backup) {
        this.adhocStartedAt.delete(backupId);
        continue;
      }
      const ready = startedAt + this.clock.duration(WORK_MS.backupCrReady);
      if (now < ready) continue;
      if (backup.state === 'pending') {
        backup.state = 'created';
        backup.updated_at = pdsTime(ready);
        this.addJob(backup, ready);
      }
      const done = ready + this.clock.duration(WORK_MS.backupJobRuns);
      if (now < done) continue;
      for (const job of this.jobs.values()) {
        if (job.backup_id === backupId && job.completion_status === 'Active') {
          this.finishJob(job, done, 512 * 1024 * 1024 + (backupId.charCodeAt(0) % 16) * 64 * 1024 * 1024);
        }
      }
      this.adhocStartedAt.delete(backupId);
    }
    for (const [restoreId, startedAt] of this.restoreStartedAt) {
      const restore = this.restores.get(restoreId);
      if (!restore) {
        this.restoreStartedAt.delete(restoreId);
        continue;
      }
      const step = Math.floor((now - startedAt) / Math.max(1, this.clock.duration(WORK_MS.restoreStep)));
      if (step < RESTORE_STEPS.length && this.clock.duration(WORK_MS.restoreStep) > 0) {
        restore.status = RESTORE_STEPS[step];
        restore.timestamp = pdsTime(now);
        continue;
      }
      const end = startedAt + this.clock.duration(WORK_MS.restoreStep) * RESTORE_STEPS.length;
      restore.status = 'Successful';
      restore.completion_time = pdsTime(end);
      restore.updated_at = restore.completion_time;
      const deployment = this.deployments.get(restore.deployment_id);
      if (deployment) {
        deployment.state = 'created';
        deployment.updated_at = restore.completion_time;
      }
      this.restoreStartedAt.delete(restoreId);
    }
  }

  /** Seeding: work started while seeding is history, not in progress. */
  forgetStartedWork(): void {
    this.adhocStartedAt.clear();
    this.restoreStartedAt.clear();
  }

  // ----------------------------------------------------------------------------- scheduled backups

  /**
   * PUT /api/deployments/{id} `scheduled_backup`: one `scheduled` Backup per policy schedule
   * (cron, `job_history_limit` = `retention_count`); null/null removes them.
   */
  setScheduledBackup(deployment: Deployment, ref: ScheduledBackupRef | null): void {
    // A suspended schedule is not the attachment's: it stays, with its history.
    for (const backup of [...this.backups.values()]) {
      if (backup.deployment_id === deployment.id && backup.backup_type === 'scheduled' && !backup.suspend) this.backups.delete(backup.id);
    }
    this.scheduledBackups.delete(deployment.id);
    if (!ref) return;
    const policy = this.policies.get(ref.backup_policy_id);
    if (!policy) return;
    this.scheduledBackups.set(deployment.id, ref);
    for (const schedule of policy.schedules) {
      this.createBackup(deployment, {
        backup_type: 'scheduled',
        backup_level: schedule.type === 'full' ? 'snapshot' : 'incremental',
        backup_target_id: ref.backup_target_id,
        job_history_limit: schedule.retention_count,
        schedule: schedule.schedule,
      });
    }
  }

  /** After a policy changes, its deployments' scheduled Backups follow it. */
  refreshPolicy(policyId: string): void {
    for (const [deploymentId, ref] of [...this.scheduledBackups]) {
      const deployment = this.deployments.get(deploymentId);
      if (ref.backup_policy_id === policyId && deployment) this.setScheduledBackup(deployment, this.policies.has(policyId) ? ref : null);
    }
  }
}
