import type { PdsBackupPolicy } from '../dto/backup-policy.dto';
import type { PdsBackup } from '../dto/backup.dto';

/** Which policies protect which deployments, and through which backup targets (derived, see below). */
export interface Attachments {
  policiesOfDeployment: Map<string, string[]>;
  deploymentsOfPolicy: Map<string, string[]>;
  targetsOfPolicy: Map<string, string[]>;
}

/**
 * PDS binds a policy to a deployment only by `PUT /api/deployments/{id}` `scheduled_backup`, and no
 * read returns that binding. What can be read is its effect: one `scheduled` Backup per policy
 * schedule (`schedule` = the cron, `job_history_limit` = `retention_count`). A deployment is taken to
 * be protected by a policy when its active scheduled Backups are exactly the policy's schedules.
 * Two policies with identical schedules are indistinguishable; both are reported.
 */
export function deriveAttachments(policies: PdsBackupPolicy[], backups: PdsBackup[]): Attachments {
  const scheduledByDeployment = new Map<string, PdsBackup[]>();
  for (const backup of backups) {
    if (backup.backup_type !== 'scheduled' || backup.suspend === true) continue;
    scheduledByDeployment.set(backup.deployment_id, [...(scheduledByDeployment.get(backup.deployment_id) ?? []), backup]);
  }
  const result: Attachments = { policiesOfDeployment: new Map(), deploymentsOfPolicy: new Map(), targetsOfPolicy: new Map() };
  for (const policy of [...policies].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const wanted = signature(policy.schedules.map((s) => [s.schedule, s.retention_count]));
    const deployments: string[] = [];
    const targets = new Set<string>();
    for (const [deploymentId, scheduled] of scheduledByDeployment) {
      if (signature(scheduled.map((b) => [b.schedule ?? '', b.job_history_limit ?? 0])) !== wanted) continue;
      deployments.push(deploymentId);
      scheduled.forEach((b) => targets.add(b.backup_target_id));
      result.policiesOfDeployment.set(deploymentId, [...(result.policiesOfDeployment.get(deploymentId) ?? []), policy.id]);
    }
    result.deploymentsOfPolicy.set(policy.id, deployments.sort());
    result.targetsOfPolicy.set(policy.id, [...targets].sort());
  }
  return result;
}

/** Order-free identity of a set of (cron, count) pairs; crons compared with single spaces. */
function signature(pairs: [string, number][]): string {
  return pairs
    .map(([cron, count]) => `${cron.trim().split(/\s+/).join(' ')}|${count}`)
    .sort()
    .join('\n');
}
