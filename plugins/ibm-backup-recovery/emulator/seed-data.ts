import { createHash } from 'node:crypto';
import { seededRandom } from '@backbridge/emulator-kit';
import {
  CLUSTER_ID,
  CLUSTER_INCARNATION_ID,
  type StoredGroup,
  type StoredObject,
  type StoredPolicy,
  type StoredRecovery,
  type StoredRegistration,
  type StoredRun,
  type TenantData,
  usecs,
} from './model';

const DAY_MS = 86_400_000;
const idOf = (n: number) => `${CLUSTER_ID}:${CLUSTER_INCARNATION_ID}:${n}`;

/** Snapshot ids are opaque 216-character strings in the service (the seed's placeholders). */
export function snapshotIdFor(runId: string, objectId: number): string {
  let text = '';
  for (let i = 0; text.length < 216; i += 1) text += createHash('sha256').update(`${runId}/${objectId}/${i}`).digest('hex');
  return text.slice(0, 216);
}

const OBJECTS: StoredObject[] = [
  { id: 11, name: 'app-lnx-01', environment: 'kPhysical', objectType: 'kHost', sourceId: 11, sourceName: 'app-lnx-01', osType: 'kLinux', logicalSizeBytes: 85_899_345_920, uuid: 'c1a0e5d2-0b6f-4d0e-9a51-0c1f1a2b3c11' },
  { id: 12, name: 'app-lnx-02', environment: 'kPhysical', objectType: 'kHost', sourceId: 12, sourceName: 'app-lnx-02', osType: 'kLinux', logicalSizeBytes: 64_424_509_440, uuid: 'c1a0e5d2-0b6f-4d0e-9a51-0c1f1a2b3c12' },
  { id: 13, name: 'file-win-01', environment: 'kPhysical', objectType: 'kHost', sourceId: 13, sourceName: 'file-win-01', osType: 'kWindows', logicalSizeBytes: 214_748_364_800, uuid: 'c1a0e5d2-0b6f-4d0e-9a51-0c1f1a2b3c13' },
  { id: 14, name: 'sql-win-01', environment: 'kPhysical', objectType: 'kHost', sourceId: 14, sourceName: 'sql-win-01', osType: 'kWindows', logicalSizeBytes: 128_849_018_880, uuid: 'c1a0e5d2-0b6f-4d0e-9a51-0c1f1a2b3c14' },
  { id: 15, name: 'build-lnx-03', environment: 'kPhysical', objectType: 'kHost', sourceId: 15, sourceName: 'build-lnx-03', osType: 'kLinux', logicalSizeBytes: 42_949_672_960, uuid: 'c1a0e5d2-0b6f-4d0e-9a51-0c1f1a2b3c15' },
  { id: 21, name: 'sql-win-01/MSSQLSERVER', environment: 'kSQL', objectType: 'kInstance', sourceId: 14, sourceName: 'sql-win-01', logicalSizeBytes: 53_687_091_200, uuid: 'd2b1f6e3-1c70-4e1f-8b62-1d2a2b3c4d21' },
  { id: 22, name: 'sales', environment: 'kSQL', objectType: 'kDatabase', sourceId: 14, sourceName: 'sql-win-01', logicalSizeBytes: 21_474_836_480, uuid: 'd2b1f6e3-1c70-4e1f-8b62-1d2a2b3c4d22' },
  { id: 23, name: 'inventory', environment: 'kSQL', objectType: 'kDatabase', sourceId: 14, sourceName: 'sql-win-01', logicalSizeBytes: 10_737_418_240, uuid: 'd2b1f6e3-1c70-4e1f-8b62-1d2a2b3c4d23' },
  { id: 24, name: 'payroll', environment: 'kSQL', objectType: 'kDatabase', sourceId: 14, sourceName: 'sql-win-01', logicalSizeBytes: 5_368_709_120, uuid: 'd2b1f6e3-1c70-4e1f-8b62-1d2a2b3c4d24' },
];

/** A tenant as a new instance with two policies, two groups, weeks of runs and two past recoveries. */
export function seedTenant(nowMs: number): TenantData {
  const random = seededRandom(4);
  const nowUsecs = usecs(nowMs);
  const policies = new Map<string, StoredPolicy>();
  const groups = new Map<string, StoredGroup>();
  const gold: StoredPolicy = {
    id: idOf(1),
    lastModificationTimeUsecs: nowUsecs - 60 * usecs(DAY_MS),
    fields: {
      name: 'Gold',
      description: 'Daily incremental, kept 30 days',
      backupPolicy: {
        regular: {
          incremental: { schedule: { unit: 'Days', daySchedule: { frequency: 1 } } },
          retention: { unit: 'Days', duration: 30 },
          primaryBackupTarget: { useDefaultBackupTarget: true },
        },
      },
      retryOptions: { retries: 3, retryIntervalMins: 5 },
    },
  };
  const silver: StoredPolicy = {
    id: idOf(2),
    lastModificationTimeUsecs: nowUsecs - 45 * usecs(DAY_MS),
    fields: {
      name: 'Silver',
      description: 'Twice a week, kept 4 weeks, monthly copies kept 6 months',
      backupPolicy: {
        regular: {
          incremental: { schedule: { unit: 'Weeks', weekSchedule: { dayOfWeek: ['Monday', 'Thursday'] } } },
          retention: { unit: 'Weeks', duration: 4 },
        },
      },
      extendedRetention: [{ schedule: { unit: 'Months', frequency: 1 }, retention: { unit: 'Months', duration: 6 }, runType: 'Full' }],
      retryOptions: { retries: 2, retryIntervalMins: 10 },
    },
  };
  policies.set(gold.id, gold).set(silver.id, silver);

  const hosts: StoredGroup = {
    id: idOf(101),
    lastModifiedTimestampUsecs: nowUsecs - 30 * usecs(DAY_MS),
    fields: {
      name: 'pg-linux-and-file-hosts',
      policyId: gold.id,
      environment: 'kPhysical',
      priority: 'kMedium',
      description: 'Application and file servers',
      startTime: { hour: 22, minute: 30, timeZone: 'America/New_York' },
      isPaused: false,
      physicalParams: {
        protectionType: 'kVolume',
        volumeProtectionTypeParams: { objects: [{ id: 11, name: 'app-lnx-01' }, { id: 12, name: 'app-lnx-02' }, { id: 13, name: 'file-win-01' }] },
      },
    },
  };
  const databases: StoredGroup = {
    id: idOf(102),
    lastModifiedTimestampUsecs: nowUsecs - 20 * usecs(DAY_MS),
    fields: {
      name: 'pg-sql-databases',
      policyId: silver.id,
      environment: 'kSQL',
      priority: 'kHigh',
      startTime: { hour: 1, minute: 0, timeZone: 'Europe/Berlin' },
      isPaused: false,
      mssqlParams: { protectionType: 'kFile', fileProtectionTypeParams: { objects: [{ id: 22, name: 'sales' }, { id: 23, name: 'inventory' }] } },
    },
  };
  groups.set(hosts.id, hosts).set(databases.id, databases);

  const runs: StoredRun[] = [];
  let instance = 11_000;
  let task = 3_700_000;
  const addRun = (group: StoredGroup, startMs: number, retentionDays: number, objectIds: number[]) => {
    instance += 1;
    task += 1;
    const startTimeUsecs = usecs(startMs);
    const id = `${instance}:${startTimeUsecs}`;
    const roll = random();
    const outcome = roll < 0.08 ? 'Failed' : roll < 0.16 ? 'SucceededWithWarning' : 'Succeeded';
    const durationMs = 600_000 + Math.floor(random() * 1_800_000);
    runs.push({
      id,
      instanceId: instance,
      groupId: group.id,
      runType: runs.length % 7 === 0 ? 'kFull' : 'kRegular',
      startTimeUsecs,
      endTimeUsecs: startTimeUsecs + usecs(durationMs),
      outcome,
      objectIds,
      localTaskId: `${CLUSTER_ID}:${CLUSTER_INCARNATION_ID}:${task}`,
      snapshotIds: outcome === 'Failed' ? {} : Object.fromEntries(objectIds.map((o) => [o, snapshotIdFor(id, o)])),
      expiryTimeUsecs: startTimeUsecs + usecs(retentionDays * DAY_MS),
      snapshotsDeleted: false,
      logicalSizeBytes: Math.floor(1_000_000_000 + random() * 9_000_000_000),
    });
  };
  const midnight = Math.floor(nowMs / DAY_MS) * DAY_MS;
  for (let day = 21; day >= 1; day -= 1) addRun(hosts, midnight - day * DAY_MS - 90 * 60_000, 30, [11, 12, 13]);
  for (let day = 27; day >= 1; day -= 1) {
    const weekday = new Date(midnight - day * DAY_MS).getUTCDay();
    if (weekday === 1 || weekday === 4) addRun(databases, midnight - day * DAY_MS + 60 * 60_000, 28, [22, 23]);
  }

  const firstHostRun = runs.find((r) => r.groupId === hosts.id && r.outcome !== 'Failed')!;
  const firstDbRun = runs.find((r) => r.groupId === databases.id && r.outcome !== 'Failed')!;
  const recoveries = new Map<string, StoredRecovery>();
  const pastRecovery = (n: number, run: StoredRun, objectId: number, offsetDays: number, outcome: 'Succeeded' | 'Failed', kind: 'files' | 'sql'): StoredRecovery => {
    const startTimeUsecs = run.startTimeUsecs + usecs(offsetDays * DAY_MS);
    const snapshot = { snapshotId: run.snapshotIds[objectId], protectionGroupId: run.groupId };
    return {
      id: idOf(900 + n),
      name: kind === 'files' ? `Recover_Files_${n}` : `Recover_DB_${n}`,
      snapshotEnvironment: kind === 'files' ? 'kPhysical' : 'kSQL',
      recoveryAction: kind === 'files' ? 'RecoverFiles' : 'RecoverApps',
      startTimeUsecs,
      endTimeUsecs: startTimeUsecs + usecs(420_000),
      outcome,
      objectIds: [objectId],
      ...(kind === 'files'
        ? {
            physicalParams: {
              objects: [snapshot],
              recoveryAction: 'RecoverFiles',
              recoverFileAndFolderParams: {
                targetEnvironment: 'kPhysical',
                filesAndFolders: [{ absolutePath: '/etc/app', isDirectory: true }],
                physicalTargetParams: { recoverTarget: { id: objectId }, restoreToOriginalPaths: true, overwriteExisting: true },
              },
            },
          }
        : {
            mssqlParams: {
              recoveryAction: 'RecoverApps',
              recoverAppParams: [{ snapshotId: snapshot.snapshotId, targetEnvironment: 'kSQL', sqlTargetParams: { recoverToNewSource: false } }],
            },
          }),
    };
  };
  for (const recovery of [pastRecovery(1, firstHostRun, 11, 2, 'Succeeded', 'files'), pastRecovery(2, firstDbRun, 22, 1, 'Failed', 'sql')]) {
    recoveries.set(recovery.id, recovery);
  }

  const registrations: StoredRegistration[] = OBJECTS.filter((o) => o.objectType === 'kHost').map((o, i) => ({
    id: o.id,
    sourceId: o.sourceId,
    name: o.name,
    environment: 'kPhysical',
    connectionId: '530243354208762051',
    registrationTimeMsecs: nowMs - (90 - i) * DAY_MS,
    physicalParams: { endpoint: `10.20.0.${o.id}`, hostType: o.osType, physicalType: 'kHost', applications: o.id === 14 ? ['kSQL'] : [] },
  }));

  return {
    objects: OBJECTS.map((o) => ({ ...o })),
    policies,
    groups,
    deletedGroups: new Map(),
    runs,
    recoveries,
    registrations,
    counters: { policy: 10, group: 200, runInstance: instance, recovery: 1000, task },
  };
}

export { idOf };
