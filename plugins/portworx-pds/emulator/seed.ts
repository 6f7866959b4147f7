import { seededRandom } from '@backbridge/emulator-kit';
import { pdsTime, type Backup, type BackupPolicy, type DataService, type Deployment } from './models';
import type { PdsStore } from './store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GIB = 1024 ** 3;

/** The emulator's API key: a JWT as the PDS UI issues (Profile -> New Key). Not a real secret. */
export const SEED_API_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwZHMtZW11bGF0b3IiLCJpc3MiOiJwZHMtZW11bGF0b3IifQ.ZW11bGF0b3Itc2lnbmF0dXJl';

/** The service identity whose client id and token `POST /service-identity/generate-token` exchanges. */
export const SEED_SERVICE_IDENTITY = { clientId: 'backbridge-emulator', clientToken: 'pds-emulator-client-token-0001' } as const;

/**
 * A realistic, deterministic control plane: account/tenant/project "Default", two clusters, four data
 * services, eight deployments, two backup targets, two policies attached to five deployments, about
 * sixty backup jobs over the past four weeks (two failed), two older adhoc backups and one restore.
 */
export function seedStore(store: PdsStore): void {
  const random = seededRandom(6);
  const now = store.clock.now();
  const at = (ms: number) => pdsTime(ms);
  const created = at(now - 90 * DAY);
  const id = store.newId;

  store.account = { id: id(), name: 'Portworx', created_at: created, updated_at: created, eula: { accepted: true, accepted_version: '2022-06-01' }, global_config: {} };
  const owner = { account_id: store.account.id, created_at: created, updated_at: created };
  store.tenant = { id: id(), name: 'Default', ...owner };
  store.project = { id: id(), name: 'Default', tenant_id: store.tenant.id, ...owner };
  const scope = { tenant_id: store.tenant.id, ...owner };

  const clusters = ['prod-cluster-east', 'dev-cluster-west'].map((name) => ({ id: id(), name, cluster_id: id(), status: 'healthy', ...scope }));
  clusters.forEach((c) => store.deploymentTargets.set(c.id, c));
  const namespaces = clusters.map((c, i) => ({ id: id(), name: i === 0 ? 'pds-prod' : 'pds-dev', status: 'available', deployment_target_id: c.id, ...scope }));
  namespaces.forEach((n) => store.namespaces.set(n.id, n));

  const services: Record<string, DataService> = {};
  for (const [name, short, full] of [
    ['PostgreSQL', 'pg', true],
    ['MySQL', 'mysql', true],
    ['Cassandra', 'cas', true],
    ['Redis', 'redis', false],
  ] as const) {
    services[name] = { id: id(), name, short_name: short, has_full_backup: full, has_incremental_backup: true, created_at: created, updated_at: created };
    store.dataServices.set(services[name].id, services[name]);
  }

  const deployment = (name: string, service: DataService, nodes: number, cluster: 0 | 1, ageDays: number): Deployment => {
    const deploymentId = id();
    const when = at(now - ageDays * DAY);
    const d: Deployment = {
      id: deploymentId,
      name,
      cluster_resource_name: `${service.short_name}-${name}-${deploymentId.slice(0, 5)}`,
      project_id: store.project.id,
      deployment_target_id: clusters[cluster].id,
      namespace_id: namespaces[cluster].id,
      data_service_id: service.id,
      version_id: id(),
      image_id: id(),
      node_count: nodes,
      service_type: 'ClusterIP',
      state: 'created',
      dns_zone: 'pds.example.com',
      tls_enabled: cluster === 0,
      restore_id: '',
      ...scope,
      created_at: when,
      updated_at: when,
    };
    store.deployments.set(d.id, d);
    return d;
  };
  const pgOrders = deployment('pg-orders', services.PostgreSQL, 3, 0, 60);
  const pgBilling = deployment('pg-billing', services.PostgreSQL, 1, 0, 55);
  const mysqlCatalog = deployment('mysql-catalog', services.MySQL, 1, 0, 50);
  const mysqlUsers = deployment('mysql-users', services.MySQL, 3, 0, 45);
  const cassandraEvents = deployment('cassandra-events', services.Cassandra, 3, 0, 40);
  const redisSessions = deployment('redis-sessions', services.Redis, 1, 1, 35);
  deployment('pg-analytics', services.PostgreSQL, 1, 1, 30);

  const credentialsId = id();
  const targets = [
    { name: 's3-backups-east', type: 's3' as const, bucket: 'pds-backups-east', region: 'us-east-1' },
    { name: 'minio-backups', type: 's3-compatible' as const, bucket: 'pds-backups', region: '' },
  ].map((t) => ({ id: id(), backup_credentials_id: credentialsId, ...t, ...scope }));
  targets.forEach((t) => store.backupTargets.set(t.id, t));

  const policy = (name: string, schedules: Omit<BackupPolicy['schedules'][number], 'id'>[]): BackupPolicy => {
    const p: BackupPolicy = { id: id(), name, schedules: schedules.map((s) => ({ id: id(), ...s })), ...scope };
    store.policies.set(p.id, p);
    return p;
  };
  const daily = policy('daily-full-7', [{ schedule: '0 2 * * *', type: 'full', retention_count: 7 }]);
  const frequent = policy('six-hourly-and-weekly', [
    { schedule: '0 */6 * * *', type: 'incremental', retention_count: 12 },
    { schedule: '30 3 * * 0', type: 'full', retention_count: 4 },
  ]);

  for (const d of [pgOrders, mysqlCatalog, cassandraEvents]) store.setScheduledBackup(d, { backup_policy_id: daily.id, backup_target_id: targets[0].id });
  for (const d of [pgBilling, redisSessions]) store.setScheduledBackup(d, { backup_policy_id: frequent.id, backup_target_id: targets[1].id });

  // Job history: the past runs of every scheduled Backup (older ones pruned by job_history_limit).
  for (const backup of [...store.backups.values()]) {
    for (const start of pastRuns(backup, now)) {
      const job = store.addJob(backup, start);
      const failed = random() < 0.04;
      store.finishJob(job, start + (2 + Math.floor(random() * 8)) * 60_000, Math.round((1 + random() * 40) * GIB), failed ? { code: 'VolumeSnapshotFailed', message: 'volume snapshot timed out' } : undefined);
    }
  }

  // Two older adhoc backups of an unscheduled deployment.
  for (const daysAgo of [20, 9]) {
    const backup = store.createBackup(mysqlUsers, { backup_type: 'adhoc', backup_level: 'snapshot', backup_target_id: targets[0].id, job_history_limit: 1, schedule: '' });
    settle(backup, now - daysAgo * DAY);
    const job = store.addJob(backup, now - daysAgo * DAY + 1_000);
    store.finishJob(job, now - daysAgo * DAY + 5 * 60_000, Math.round(12.5 * GIB));
  }

  // One earlier restore of pg-orders into a new deployment.
  const source = [...store.jobs.values()].find((j) => j.deployment_id === pgOrders.id && j.completion_status === 'Succeeded');
  if (source) {
    const restore = store.startRestore(source, { name: 'pg-orders-restored', deployment_target_id: clusters[1].id, namespace_id: namespaces[1].id });
    const start = now - 3 * DAY;
    Object.assign(restore, { status: 'Successful', start_time: at(start), completion_time: at(start + 12 * 60_000), created_at: at(start), updated_at: at(start + 12 * 60_000), timestamp: at(start + 12 * 60_000) });
    const restored = store.deployments.get(restore.deployment_id)!;
    Object.assign(restored, { state: 'created', created_at: at(start), updated_at: at(start + 12 * 60_000) });
  }
  store.forgetStartedWork();
}

/** The seeded adhoc Backup as it looks once its CR exists (started in the past, not by the clock). */
function settle(backup: Backup, startMs: number): void {
  backup.state = 'created';
  backup.created_at = pdsTime(startMs);
  backup.updated_at = pdsTime(startMs + 1_000);
}

/** Past run times of a seeded scheduled Backup, oldest first, within its job_history_limit. */
function pastRuns(backup: Backup, now: number): number[] {
  const [minute, hour, , , weekday] = backup.schedule.split(' ');
  const runs: number[] = [];
  const today = Math.floor(now / DAY) * DAY;
  for (let day = 0; day < 35 && runs.length < backup.job_history_limit; day++) {
    const date = today - day * DAY;
    if (weekday !== '*' && new Date(date).getUTCDay() !== Number(weekday)) continue;
    const hours = hour.startsWith('*/') ? [18, 12, 6, 0].filter((h) => h % Number(hour.slice(2)) === 0) : [Number(hour)];
    for (const h of hours) {
      const start = date + h * HOUR + Number(minute) * 60_000;
      if (start < now - 10 * 60_000 && runs.length < backup.job_history_limit) runs.push(start);
    }
  }
  return runs.reverse();
}

/** Extra history: a former schedule, every ten minutes, on every seeded deployment. */
const EXTRA_SCHEDULE = '*/10 * * * *';
const EXTRA_TICK = 10 * 60_000;
/** Extra jobs started on the same cron tick (each of another deployment). */
const JOBS_PER_TICK = 4;

/**
 * `extraRecoveryPoints`: `count` more backup jobs, all older than the regular seed, for deep walks.
 * They belong to one suspended scheduled Backup per seeded deployment (a former schedule whose
 * history the target still holds: its `job_history_limit` holds all of it), round robin, four per
 * cron tick, so runs of equal `created_at` cross deployments and ids. The fourth job of a tick is
 * later only in the microseconds (`...000500Z`), which millisecond timestamps cannot tell apart.
 * One job in fifty failed. Built directly, without the per-job pruning scan: 25,000 take a few
 * tens of milliseconds.
 */
export function seedExtraRecoveryPoints(store: PdsStore, count: number): void {
  if (count <= 0) return;
  const deployments = [...store.deployments.values()].filter((d) => d.restore_id === '');
  const target = [...store.backupTargets.values()][0];
  let oldest = store.clock.now();
  for (const job of store.jobs.values()) oldest = Math.min(oldest, Date.parse(job.created_at));
  const firstTick = Math.floor((oldest - HOUR) / EXTRA_TICK) * EXTRA_TICK;
  const ticks = Math.ceil(count / JOBS_PER_TICK);
  const backups = deployments.map((deployment) => {
    const backup = store.createBackup(deployment, {
      backup_type: 'scheduled',
      backup_level: 'incremental',
      backup_target_id: target.id,
      job_history_limit: Math.ceil(count / deployments.length),
      schedule: EXTRA_SCHEDULE,
    });
    return Object.assign(backup, { suspend: true, created_at: pdsTime(firstTick - ticks * EXTRA_TICK), updated_at: pdsTime(firstTick + EXTRA_TICK) });
  });
  for (let i = 0; i < count; i++) {
    const start = firstTick - Math.floor(i / JOBS_PER_TICK) * EXTRA_TICK;
    const job = store.addJob(backups[i % backups.length], start, {}, { prune: false });
    if (i % JOBS_PER_TICK === JOBS_PER_TICK - 1) {
      const later = pdsTime(start).replace(/000Z$/, '500Z');
      Object.assign(job, { created_at: later, updated_at: later, start_time: later, timestamp: later });
    }
    const failure = i % 50 === 49 ? { code: 'JobFailed', message: 'backup job failed' } : undefined;
    store.finishJob(job, start + (2 + (i % 4)) * 60_000, (1 + (i % 40)) * GIB, failure);
  }
}
