import { seededRandom } from '@backbridge/emulator-kit';
import { DURATION_MS, addTask, createCheckpoint } from './actions';
import { uuidFrom } from './cbr-format';
import type { Asset, Policy, Vault, World } from './world';

export const PROJECT = { id: '0605767b5780d5762fc5c0118072a564', name: 'ap-southeast-1' };

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * A deterministic project: 5 ECS servers and 3 EVS disks in three vaults (production servers with
 * a daily policy, disks with a twice-weekly policy, development servers without a policy), five
 * weeks of backups and their task log, a failed backup and two restores.
 */
export function seedWorld(now: number, seed = 5): World {
  const random = seededRandom(seed);
  const world: World = {
    projectId: PROJECT.id,
    userId: 'aa2999fa5ae640f28926f8fd79188934',
    assets: new Map(),
    vaults: new Map(),
    policies: new Map(),
    backups: new Map(),
    checkpoints: new Map(),
    tasks: new Map(),
    newId: () => uuidFrom(random),
  };
  const server = (name: string, dataDisk: number): Asset => ({
    id: world.newId(),
    name,
    type: 'OS::Nova::Server',
    size: 40 + dataDisk,
    az: 'ap-southeast-1a',
    volumes: [
      { id: world.newId(), name: `${name}-sys`, size: 40 },
      ...(dataDisk > 0 ? [{ id: world.newId(), name: `${name}-data`, size: dataDisk }] : []),
    ],
  });
  const disk = (name: string, size: number): Asset => ({ id: world.newId(), name, type: 'OS::Cinder::Volume', size, az: 'ap-southeast-1b', volumes: [] });
  const web1 = server('ecs-web-01', 100);
  const web2 = server('ecs-web-02', 0);
  const db1 = server('ecs-db-01', 500);
  const dev1 = server('ecs-dev-01', 0);
  const build1 = server('ecs-build-01', 200);
  const archive = disk('evs-archive-01', 1000);
  const logs = disk('evs-logs-01', 200);
  const shared = disk('evs-shared-01', 300);
  for (const asset of [web1, web2, db1, dev1, build1, archive, logs, shared]) world.assets.set(asset.id, asset);
  // One server whose disk is not in the vault, as the vault-create example does.
  const vault = (name: string, objectType: Vault['objectType'], size: number, createdAt: number, assets: Asset[], description: string | null = null): Vault => {
    const created: Vault = { id: world.newId(), name, description, objectType, size, createdAt, resourceIds: assets.map((a) => a.id), excludeVolumes: {}, tags: [{ key: 'env', value: name.includes('dev') ? 'dev' : 'prod' }] };
    world.vaults.set(created.id, created);
    return created;
  };
  const prod = vault('vault-prod-servers', 'server', 2000, now - 60 * DAY, [web1, web2, db1], 'production ECS servers');
  const disks = vault('vault-data-disks', 'disk', 3000, now - 58 * DAY, [archive, logs, shared]);
  const dev = vault('vault-dev-servers', 'server', 500, now - 20 * DAY, [dev1, build1]);
  prod.excludeVolumes[db1.id] = [db1.volumes[0].id];

  const policy = (name: string, patterns: string[], definition: Policy['operationDefinition'], createdAt: number, vaults: Vault[]): Policy => {
    const created: Policy = { id: world.newId(), name, enabled: true, operationType: 'backup', operationDefinition: definition, patterns, triggerId: world.newId(), createdAt, vaultIds: vaults.map((v) => v.id) };
    world.policies.set(created.id, created);
    return created;
  };
  const daily = policy(
    'daily-prod-servers',
    ['FREQ=DAILY;INTERVAL=1;BYHOUR=18;BYMINUTE=00'],
    { retention_duration_days: 30, day_backups: 0, week_backups: 4, month_backups: 6, year_backups: 0, timezone: 'UTC+08:00' },
    now - 59 * DAY,
    [prod],
  );
  const weekly = policy('twice-weekly-disks', ['FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=06;BYMINUTE=00'], { max_backups: 8 }, now - 57 * DAY, [disks]);

  const jitter = () => Math.floor(random() * 40 * 60_000);
  const auto = { autoTrigger: true, incremental: true, description: '', durationMs: DURATION_MS.backup };
  const startOfToday = Math.floor(now / DAY) * DAY;
  // Daily automatic backups of the production servers over the past 12 days.
  for (let day = 12; day >= 1; day--) {
    const at = startOfToday - day * DAY + 18 * HOUR + jitter();
    if (at >= now) continue;
    const fails = day === 4;
    createCheckpoint(world, prod, fails ? [web1, web2] : [web1, web2, db1], { ...auto, at, name: `autobk_${hex(random)}`, policyId: daily.id, expiredAt: at + 30 * DAY });
    if (fails) {
      createCheckpoint(world, prod, [db1], { ...auto, at: at + 60_000, name: `autobk_${hex(random)}`, policyId: daily.id, expiredAt: at + 30 * DAY, fails: true });
    }
  }
  // Twice-weekly backups of the disks over the past five weeks (Mondays and Thursdays).
  for (let day = 35; day >= 1; day--) {
    const date = new Date(startOfToday - day * DAY);
    if (date.getUTCDay() !== 1 && date.getUTCDay() !== 4) continue;
    createCheckpoint(world, disks, [archive, logs, shared], { ...auto, at: date.getTime() + 6 * HOUR + jitter(), name: `autobk_${hex(random)}`, policyId: weekly.id, expiredAt: null });
  }
  // Manual backups of the development servers.
  for (const [asset, daysAgo] of [[dev1, 9], [build1, 6], [dev1, 2]] as const) {
    createCheckpoint(world, dev, [asset], { ...auto, autoTrigger: false, incremental: false, at: now - daysAgo * DAY - jitter(), name: `manualbk_${hex(random)}`, policyId: null, expiredAt: null });
  }
  // Two restores in the task log.
  const restoredFrom = [...world.backups.values()].filter((b) => !b.parentId && b.resourceId === logs.id).sort((a, b) => a.createdAt - b.createdAt)[0];
  if (restoredFrom) {
    addTask(world, {
      operationType: 'restore',
      at: now - 3 * DAY,
      durationMs: 20 * 60_000,
      outcome: 'success',
      vault: disks,
      asset: logs,
      extra: { restore: { backup_id: restoredFrom.id, backup_name: restoredFrom.name, target_resource_id: logs.id, target_resource_name: logs.name } },
    });
  }
  const serverBackup = [...world.backups.values()].find((b) => !b.parentId && b.resourceId === web2.id);
  if (serverBackup) {
    addTask(world, {
      operationType: 'restore',
      at: now - 1 * DAY,
      durationMs: 15 * 60_000,
      outcome: 'failed',
      error: { code: 'BackupService.2008', message: 'Restoration is not allowed in the current ECS status.' },
      vault: prod,
      asset: web2,
      extra: { restore: { backup_id: serverBackup.id, backup_name: serverBackup.name, target_resource_id: web2.id, target_resource_name: web2.name } },
    });
  }
  return world;
}

function hex(random: () => number): string {
  return Math.floor(random() * 0xffff).toString(16).padStart(4, '0');
}
