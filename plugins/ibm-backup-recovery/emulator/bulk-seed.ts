import { seededRandom } from '@backbridge/emulator-kit';
import { CLUSTER_ID, CLUSTER_INCARNATION_ID, type RunOutcome, type StoredRun, type TenantData, usecs } from './model';
import { idOf, snapshotIdFor } from './seed-data';

const HOUR_USECS = 3_600_000_000;
const DAY_USECS = 24 * HOUR_USECS;

/** Per group: its members now, and the former members its older runs also backed up. */
const HISTORY = [
  { groupId: idOf(101), members: [11, 12, 13], former: [14, 15] },
  { groupId: idOf(102), members: [22, 23], former: [21, 24] },
];

/**
 * `extraRecoveryPoints`: `count` more object snapshots, as an instance that has run for a long time
 * holds them: older runs of the two seeded groups, every two hours back from before the regular
 * seed, some of them over objects that have since left the group. Every third database run starts
 * in the same microsecond as a host run, and the next one in the same millisecond, so that lists
 * meet equal timestamps; some runs failed (no snapshots). Their snapshots are kept a long time
 * (an extended retention), so none has expired.
 */
export function seedExtraRecoveryPoints(data: TenantData, count: number, nowMs: number): void {
  const random = seededRandom(8);
  const oldest = data.runs.reduce((min, run) => Math.min(min, run.startTimeUsecs), usecs(nowMs));
  const base = oldest - HOUR_USECS;
  const expiryTimeUsecs = usecs(nowMs) + 400 * DAY_USECS;
  const extra: StoredRun[] = [];
  let points = 0;
  for (let slot = 0; points < count; slot += 1) {
    const hostStart = base - slot * 2 * HOUR_USECS;
    const starts = [hostStart, slot % 3 === 0 ? hostStart : slot % 3 === 1 ? hostStart + 417 : hostStart - 37 * 60_000_000];
    HISTORY.forEach(({ groupId, members, former }, g) => {
      if (points >= count) return;
      const roll = random();
      const outcome: RunOutcome = roll < 0.06 ? 'Failed' : roll < 0.12 ? 'SucceededWithWarning' : 'Succeeded';
      let objectIds = slot % (4 + g) === 0 ? [...members, ...former] : members;
      if (outcome !== 'Failed') {
        // The last run holds just as many objects as the count still needs.
        objectIds = objectIds.slice(0, count - points);
        points += objectIds.length;
      }
      const startTimeUsecs = starts[g];
      extra.push({
        id: '',
        instanceId: 0,
        groupId,
        runType: slot % 7 === 0 ? 'kFull' : 'kRegular',
        startTimeUsecs,
        endTimeUsecs: startTimeUsecs + Math.floor((10 + random() * 50) * 60_000_000),
        outcome,
        objectIds,
        localTaskId: '',
        snapshotIds: {},
        expiryTimeUsecs,
        snapshotsDeleted: false,
        logicalSizeBytes: Math.floor(1_000_000_000 + random() * 9_000_000_000),
      });
    });
  }
  // Instance and task numbers grow with time, as the service hands them out.
  extra.reverse().forEach((run, i) => {
    run.instanceId = i + 1;
    run.id = `${run.instanceId}:${run.startTimeUsecs}`;
    run.localTaskId = `${CLUSTER_ID}:${CLUSTER_INCARNATION_ID}:${1_000_000 + i}`;
    if (run.outcome !== 'Failed') run.snapshotIds = Object.fromEntries(run.objectIds.map((o) => [o, snapshotIdFor(run.id, o)]));
  });
  data.runs.push(...extra);
}
