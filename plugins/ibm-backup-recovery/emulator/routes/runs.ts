import type { EmulatorServer } from '@backbridge/emulator-kit';
import { firstAtOrAfter, type Cluster } from '../cluster';
import { ibmError, isRecord, queryBool, queryList, queryNumber, requireBody, requireGroupId, requireRunId } from '../ibm-errors';
import { CLUSTER_ID, CLUSTER_INCARNATION_ID, type StoredRun, usecs } from '../model';
import { snapshotIdFor } from '../seed-data';

const RUN_TYPES = ['kRegular', 'kFull', 'kLog', 'kSystem', 'kHydrateCDP', 'kStorageArraySnapshot'];
/** The runs filter spells incremental `kIncremental` (runs themselves say `kRegular`). */
const FILTER_RUN_TYPES: Record<string, string> = { kIncremental: 'kRegular', kFull: 'kFull', kLog: 'kLog', kSystem: 'kSystem', kHydrateCDP: 'kHydrateCDP', kStorageArraySnapshot: 'kStorageArraySnapshot' };
const HOUR_USECS = 3_600_000_000;
const DAY_USECS = 86_400_000_000;

/** Retention of the group's policy, in days (months 30, years 365). */
function retentionDays(cluster: Cluster, policyId: unknown): number {
  const policy = cluster.data.policies.get(String(policyId));
  const retention = (policy?.fields.backupPolicy as { regular?: { retention?: { unit?: string; duration?: number } } } | undefined)?.regular?.retention;
  const factor: Record<string, number> = { Days: 1, Weeks: 7, Months: 30, Years: 365 };
  return (retention?.duration ?? 7) * (factor[retention?.unit ?? 'Days'] ?? 1);
}

export function runRoutes(server: EmulatorServer, cluster: Cluster): void {
  const runsOf = (groupId: string) => cluster.runsOfGroup(groupId);

  server.route('GET', '/v2/data-protect/protection-groups/:id/runs', ({ params, query }) => {
    // A deleted group whose snapshots were kept still has its runs.
    const group = cluster.groupOrDeleted(requireGroupId(params.id));
    const runId = query.get('runId');
    if (runId !== null) requireRunId(runId);
    const start = queryNumber(query, 'startTimeUsecs');
    const end = queryNumber(query, 'endTimeUsecs');
    const to = end ?? cluster.nowUsecs();
    const from = start ?? to - HOUR_USECS;
    const runTypes = queryList(query, 'runTypes');
    const statuses = queryList(query, 'localBackupRunStatus');
    const numRuns = queryNumber(query, 'numRuns') ?? 100;
    const includeObjectDetails = queryBool(query, 'includeObjectDetails') ?? false;
    const excludeNonRestorable = queryBool(query, 'excludeNonRestorableRuns') ?? false;
    const byEnd = queryBool(query, 'filterByEndTime') ?? false;
    for (const type of runTypes) {
      if (type !== 'kAll' && !(type in FILTER_RUN_TYPES)) throw ibmError('KValidationError', `runTypes value '${type}' is not allowed`);
    }
    const now = cluster.nowUsecs();
    const matches = (r: StoredRun) =>
      (runTypes.length === 0 || runTypes.includes('kAll') || runTypes.some((t) => FILTER_RUN_TYPES[t] === r.runType)) &&
      (statuses.length === 0 || statuses.includes(cluster.runStatus(r))) &&
      (!excludeNonRestorable || cluster.isRestorable(r, now));
    const all = runsOf(group.id);
    let candidates: readonly StoredRun[];
    if (runId !== null) {
      // A run id names one run: the time window does not apply then.
      candidates = all.filter((r) => r.id === runId);
    } else if (byEnd) {
      candidates = all.filter((r) => {
        const time = cluster.runEndUsecs(r);
        return time !== undefined && time >= from && time <= to;
      });
    } else {
      // Oldest first: the runs that started within [from, to].
      candidates = all.slice(firstAtOrAfter(all, from), firstAtOrAfter(all, to + 1));
    }
    // Newest first, at most numRuns; all matching runs are counted for totalRuns.
    const newestFirst = byEnd ? [...candidates].sort((a, b) => b.startTimeUsecs - a.startTimeUsecs) : [...candidates].reverse();
    const unfiltered = runTypes.length === 0 && statuses.length === 0 && !excludeNonRestorable;
    const page: StoredRun[] = [];
    let total = 0;
    for (const run of newestFirst) {
      if (!unfiltered && !matches(run)) continue;
      total += 1;
      if (page.length < numRuns) page.push(run);
      else if (unfiltered) {
        total = newestFirst.length;
        break;
      }
    }
    const body: Record<string, unknown> = { runs: page.map((r) => cluster.runView(r, includeObjectDetails)) };
    // totalRuns is only populated when a time filter was given.
    if (start !== undefined || end !== undefined) body.totalRuns = total;
    return { status: 200, body };
  });

  server.route('POST', '/v2/data-protect/protection-groups/:id/runs', ({ params, body }) => {
    const group = cluster.group(requireGroupId(params.id));
    const request = requireBody(body);
    if (!RUN_TYPES.includes(String(request.runType))) throw ibmError('KValidationError', `request body has an error: runType must be one of ${RUN_TYPES.join(', ')}`);
    const members = cluster.groupObjectIds(group);
    let objectIds = members;
    if (request.objects !== undefined) {
      if (!Array.isArray(request.objects) || request.objects.some((o) => !isRecord(o) || !Number.isInteger(o.id))) {
        throw ibmError('KValidationError', 'request body has an error: objects[].id is required');
      }
      objectIds = request.objects.map((o) => (o as { id: number }).id);
      const stranger = objectIds.find((id) => !members.includes(id));
      if (stranger !== undefined) throw ibmError('KValidationError', `Object ${stranger} is not protected by Protection Group ${group.id}`);
    }
    if (runsOf(group.id).some((r) => !cluster.isRunFinished(r))) {
      throw ibmError('KValidationError', `Protection Group ${group.id} already has a run in progress`);
    }
    const now = cluster.clock.now();
    const counters = cluster.data.counters;
    counters.runInstance += 1;
    counters.task += 1;
    const startTimeUsecs = usecs(now);
    const id = `${counters.runInstance}:${startTimeUsecs}`;
    const run: StoredRun = {
      id,
      instanceId: counters.runInstance,
      groupId: group.id,
      runType: String(request.runType),
      startTimeUsecs,
      admittedAtMs: now,
      outcome: 'Succeeded',
      objectIds,
      localTaskId: `${CLUSTER_ID}:${CLUSTER_INCARNATION_ID}:${counters.task}`,
      snapshotIds: Object.fromEntries(objectIds.map((o) => [o, snapshotIdFor(id, o)])),
      expiryTimeUsecs: startTimeUsecs + retentionDays(cluster, group.fields.policyId) * DAY_USECS,
      snapshotsDeleted: false,
      logicalSizeBytes: objectIds.reduce((n, o) => n + Math.floor((cluster.object(o)?.logicalSizeBytes ?? 0) / 40), 0),
    };
    cluster.addRun(run);
    return { status: 202, body: { protectionGroupId: group.id } };
  });

  server.route('POST', '/v2/data-protect/protection-groups/:id/runs/actions', ({ params, body }) => {
    const group = cluster.group(requireGroupId(params.id));
    const request = requireBody(body);
    const action = String(request.action);
    const key = { Pause: 'pauseParams', Resume: 'resumeParams', Cancel: 'cancelParams' }[action];
    if (!key) throw ibmError('KValidationError', 'request body has an error: action must be one of Pause, Resume, Cancel');
    const entries = request[key];
    if (!Array.isArray(entries) || entries.some((e) => !isRecord(e) || typeof e.runId !== 'string')) {
      throw ibmError('KValidationError', `request body has an error: ${key}[].runId is required`);
    }
    const now = cluster.clock.now();
    const results = (entries as { runId: string }[]).map(({ runId }) => {
      requireRunId(runId);
      const run = runsOf(group.id).find((r) => r.id === runId);
      if (!run) return { runId, error: { errorCode: 'KEntityNotExistsError', message: `Run ${runId} does not exist` } };
      if (cluster.isRunFinished(run)) return { runId, error: { errorCode: 'KValidationError', message: `Run ${runId} has already finished` } };
      if (action === 'Cancel') run.cancelRequestedAtMs ??= now;
      if (action === 'Pause') run.pausedAtMs ??= now;
      if (action === 'Resume' && run.pausedAtMs !== undefined) {
        // The paused time does not count towards the run's progress.
        run.admittedAtMs = run.admittedAtMs! + (now - run.pausedAtMs);
        run.pausedAtMs = undefined;
      }
      return { runId };
    });
    const failed = results.find((r) => 'error' in r && action === 'Cancel');
    if (failed && 'error' in failed && failed.error) {
      const code = failed.error.errorCode === 'KEntityNotExistsError' ? 'KEntityNotExistsError' : 'KValidationError';
      throw ibmError(code, failed.error.message);
    }
    return { status: 202, body: { action, [key]: results } };
  });

  server.route('PUT', '/v2/data-protect/protection-groups/:id/runs', ({ params, body }) => {
    const group = cluster.group(requireGroupId(params.id));
    const request = requireBody(body);
    const updates = request.updateProtectionGroupRunParams;
    if (!Array.isArray(updates) || updates.length === 0) throw ibmError('KValidationError', 'request body has an error: updateProtectionGroupRunParams is required');
    const successfulRunIds: string[] = [];
    const failedRuns: { runId: string; errorMessage: string }[] = [];
    for (const update of updates) {
      if (!isRecord(update) || typeof update.runId !== 'string') throw ibmError('KValidationError', 'request body has an error: runId is required');
      requireRunId(update.runId);
      const run = runsOf(group.id).find((r) => r.id === update.runId);
      if (!run) {
        failedRuns.push({ runId: update.runId, errorMessage: `Run ${update.runId} does not exist` });
        continue;
      }
      const local = isRecord(update.localSnapshotConfig) ? update.localSnapshotConfig : {};
      if (local.deleteSnapshot === true) run.snapshotsDeleted = true;
      else if (Number.isInteger(local.daysToKeep)) run.expiryTimeUsecs += (local.daysToKeep as number) * DAY_USECS;
      successfulRunIds.push(run.id);
    }
    return { status: 207, body: { successfulRunIds, failedRuns } };
  });
}
