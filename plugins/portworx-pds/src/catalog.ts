import type { PdsBackupJob } from './dto/backup-job.dto';
import type { PdsBackupPolicy } from './dto/backup-policy.dto';
import type { PdsBackup, PdsBackupTarget } from './dto/backup.dto';
import type { PdsDataService } from './dto/common.dto';
import type { PdsDeployment } from './dto/deployment.dto';
import type { PdsClient } from './client/pds-client';
import { deriveAttachments, type Attachments } from './mappers/attachments';

/**
 * What one session call reads from PDS to give a record its context (names, data services, the
 * derived policy attachments), each list fetched at most once per call and only when needed.
 */
export class PdsCatalog {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly client: PdsClient) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }

  deployments(): Promise<PdsDeployment[]> {
    return this.once('deployments', () => this.client.deployments());
  }

  async deploymentMap(): Promise<Map<string, PdsDeployment>> {
    return new Map((await this.deployments()).map((d) => [d.id, d]));
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

  /** Every Backup of the tenant, read through its backup targets (PDS has no tenant-wide list). */
  backups(): Promise<Map<string, PdsBackup>> {
    return this.once('backups', async () => {
      const perTarget = await Promise.all((await this.targets()).map((t) => this.client.backupsOfTarget(t.id)));
      return new Map(perTarget.flat().map((b) => [b.id, b]));
    });
  }

  attachments(): Promise<Attachments> {
    return this.once('attachments', async () => deriveAttachments(await this.policies(), [...(await this.backups()).values()]));
  }

  backupJobs(): Promise<PdsBackupJob[]> {
    return this.once('backupJobs', () => this.client.backupJobs());
  }

  /** The policy a job belongs to: the derived policy of its deployment, when the job came from a scheduled Backup. */
  async policyOfJob(job: PdsBackupJob): Promise<string | undefined> {
    const backup = job.backup_id ? (await this.backups()).get(job.backup_id) : undefined;
    if (backup?.backup_type !== 'scheduled' || !job.deployment_id) return undefined;
    return (await this.attachments()).policiesOfDeployment.get(job.deployment_id)?.[0];
  }
}
