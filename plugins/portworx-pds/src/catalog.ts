import { NotFoundError } from '@backbridge/core';
import type { PdsBackupJob } from './dto/backup-job.dto';
import type { PdsBackupPolicy } from './dto/backup-policy.dto';
import type { PdsBackup, PdsBackupTarget } from './dto/backup.dto';
import type { PdsDataService } from './dto/common.dto';
import type { PdsDeployment } from './dto/deployment.dto';
import type { PdsClient } from './client/pds-client';
import { mapLimit } from './listing/sources';
import { deriveAttachments, type Attachments } from './mappers/attachments';

/** Vendor GETs one page of records may run at once. */
const LOOKUPS_AT_ONCE = 8;

/**
 * What one session call reads from PDS to give records their context, each thing at most once per
 * call. Small lists (backup targets, policies, data services, the tenant's active scheduled Backups)
 * are read whole; Backups and deployments are looked up one by one for the rows of the page at hand,
 * so a page costs the same however long the job history is. In `bulk` mode (a list read whole
 * anyway) Backups and deployments are listed instead of looked up.
 */
export class PdsCatalog {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly backupById = new Map<string, Promise<PdsBackup | undefined>>();
  private readonly deploymentById = new Map<string, Promise<PdsDeployment | undefined>>();

  constructor(
    private readonly client: PdsClient,
    private readonly options: { bulk?: boolean } = {},
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }

  dataServices(): Promise<Map<string, PdsDataService>> {
    return this.once('dataServices', async () => new Map((await this.client.dataServices()).map((s) => [s.id, s])));
  }

  policies(): Promise<PdsBackupPolicy[]> {
    return this.once('policies', () => this.client.policies());
  }

  targets(): Promise<PdsBackupTarget[]> {
    return this.once('targets', () => this.client.backupTargets());
  }

  /** Every deployment of the project (a whole list: for restores, which PDS cannot list, and bulk mode). */
  allDeployments(): Promise<PdsDeployment[]> {
    return this.once('deployments', () => this.client.deployments());
  }

  /**
   * The tenant's scheduled, not suspended Backups: what policy attachments are derived from. PDS has
   * no tenant-wide Backup list, so one filtered listing per backup target; about one Backup per
   * protected deployment and schedule.
   */
  activeScheduledBackups(): Promise<PdsBackup[]> {
    return this.once('activeScheduled', async () => {
      const perTarget = await Promise.all((await this.targets()).map((t) => this.client.backupsOfTarget(t.id, { backup_type: 'scheduled', suspend: 'false' })));
      return perTarget.flat().filter(isActiveScheduled);
    });
  }

  attachments(): Promise<Attachments> {
    return this.once('attachments', async () => deriveAttachments(await this.policies(), await this.activeScheduledBackups()));
  }

  /** The Backups with these ids (those that still exist). */
  async backups(ids: Iterable<string | undefined>): Promise<Map<string, PdsBackup>> {
    if (this.options.bulk) await this.loadAllBackups();
    const wanted = distinct(ids);
    const found = await mapLimit(wanted, LOOKUPS_AT_ONCE, (id) => this.lookup(this.backupById, id, () => this.client.backup(id)));
    return new Map(found.filter((b): b is PdsBackup => b !== undefined).map((b) => [b.id, b]));
  }

  /** The deployments with these ids (those that still exist). */
  async deployments(ids: Iterable<string | undefined>): Promise<Map<string, PdsDeployment>> {
    if (this.options.bulk) await this.loadAllDeployments();
    const wanted = distinct(ids);
    const found = await mapLimit(wanted, LOOKUPS_AT_ONCE, (id) => this.lookup(this.deploymentById, id, () => this.client.deployment(id)));
    return new Map(found.filter((d): d is PdsDeployment => d !== undefined).map((d) => [d.id, d]));
  }

  /**
   * The policy a job belongs to: the derived policy of its deployment, when the job came from one of
   * the deployment's active scheduled Backups (not an adhoc one, not a suspended schedule).
   */
  async policyOfJob(job: PdsBackupJob, backup: PdsBackup | undefined): Promise<string | undefined> {
    if (!isActiveScheduled(backup) || !job.deployment_id) return undefined;
    return (await this.attachments()).policiesOfDeployment.get(job.deployment_id)?.[0];
  }

  private lookup<T>(cache: Map<string, Promise<T | undefined>>, id: string, load: () => Promise<T>): Promise<T | undefined> {
    if (!cache.has(id)) {
      // In bulk mode the whole list is already cached: what it lacks does not exist.
      cache.set(id, this.options.bulk ? Promise.resolve(undefined) : load().catch((error: unknown) => (error instanceof NotFoundError ? undefined : Promise.reject(error))));
    }
    return cache.get(id)!;
  }

  private loadAllBackups(): Promise<void> {
    return this.once('allBackups', async () => {
      const perTarget = await Promise.all((await this.targets()).map((t) => this.client.backupsOfTarget(t.id)));
      for (const backup of perTarget.flat()) this.backupById.set(backup.id, Promise.resolve(backup));
    });
  }

  private loadAllDeployments(): Promise<void> {
    return this.once('allDeploymentsById', async () => {
      for (const deployment of await this.allDeployments()) this.deploymentById.set(deployment.id, Promise.resolve(deployment));
    });
  }
}

export function isActiveScheduled(backup: PdsBackup | undefined): backup is PdsBackup {
  return backup?.backup_type === 'scheduled' && backup.suspend !== true;
}

function distinct(ids: Iterable<string | undefined>): string[] {
  return [...new Set([...ids].filter((id): id is string => Boolean(id)))];
}
