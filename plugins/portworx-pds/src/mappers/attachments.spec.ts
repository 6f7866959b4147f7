import { fixture } from '../../test/fixtures';
import type { PdsBackupPolicy } from '../dto/backup-policy.dto';
import type { PdsBackup } from '../dto/backup.dto';
import { deriveAttachments } from './attachments';

describe(deriveAttachments.name, () => {
  const base = fixture<PdsBackup>('backup.get');
  const policy = (id: string, schedules: [string, number][]): PdsBackupPolicy => ({
    id,
    name: id,
    schedules: schedules.map(([schedule, retention_count]) => ({ schedule, retention_count, type: 'full' })),
  });
  const scheduled = (deployment: string, schedule: string, limit: number, over: Partial<PdsBackup> = {}): PdsBackup => ({
    ...base,
    id: `${deployment}-${schedule}`,
    deployment_id: deployment,
    backup_type: 'scheduled',
    suspend: false,
    schedule,
    job_history_limit: limit,
    backup_target_id: 't1',
    ...over,
  });

  it('binds a deployment to the policy whose schedules its scheduled Backups are exactly', () => {
    const daily = policy('daily', [['0 2 * * *', 7]]);
    const two = policy('two', [['0 */6 * * *', 12], ['30 3 * * 0', 4]]);
    const result = deriveAttachments(
      [daily, two],
      [
        scheduled('d1', '0 2 * * *', 7),
        scheduled('d2', '0 */6 * * *', 12),
        scheduled('d2', '30  3 * * 0', 4, { backup_target_id: 't2' }),
        scheduled('d3', '0 2 * * *', 3), // another count: not this policy
        scheduled('d4', '0 2 * * *', 7, { suspend: true }), // suspended: not protected
        { ...base, deployment_id: 'd5', backup_type: 'adhoc' }, // the documented sample: adhoc
      ],
    );
    expect(result.deploymentsOfPolicy.get('daily')).toEqual(['d1']);
    expect(result.deploymentsOfPolicy.get('two')).toEqual(['d2']);
    expect(result.targetsOfPolicy.get('two')).toEqual(['t1', 't2']);
    expect(result.policiesOfDeployment.get('d3')).toBeUndefined();
    expect(result.policiesOfDeployment.get('d4')).toBeUndefined();
    expect(result.policiesOfDeployment.get('d5')).toBeUndefined();
  });
});
