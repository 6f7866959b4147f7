import type { EmulatorServer, VendorClock } from '@backbridge/emulator-kit';
import { NOT_FOUND, invalid, offsetPaging, parseQueryTime } from './cbr-format';
import { taskView } from './views';
import { taskStatus, type World } from './world';

const P = '/v3/:project_id';
const TYPES = ['backup', 'copy', 'replication', 'restore', 'delete', 'sync', 'vault_delete', 'remove_resource'];
const STATUSES = ['success', 'skipped', 'failed', 'running', 'timeout', 'waiting'];

/** Tasks = operation logs (seed §4.1). */
export function registerTaskRoutes(server: EmulatorServer, world: World, clock: VendorClock): void {
  server.route('GET', `${P}/operation-logs`, ({ query }) => {
    const { offset, limit } = offsetPaging(query);
    const type = query.get('operation_type');
    if (type !== null && !TYPES.includes(type)) throw invalid(`operation_type must be one of ${TYPES.join(', ')}`);
    const status = query.get('status');
    if (status !== null && !STATUSES.includes(status)) throw invalid(`status must be one of ${STATUSES.join(', ')}`);
    const start = query.get('start_time');
    const end = query.get('end_time');
    const from = start === null ? undefined : parseQueryTime(start, 'start_time');
    const to = end === null ? undefined : parseQueryTime(end, 'end_time');
    const eq = (name: string, value: string | null | undefined) => query.get(name) === null || query.get(name) === value;
    const matches = [...world.tasks.values()]
      .filter((t) => type === null || t.operationType === type)
      .filter((t) => status === null || taskStatus(t, clock) === status)
      .filter((t) => eq('resource_id', t.resource?.id) && eq('resource_name', t.resource?.name) && eq('vault_id', t.vaultId) && eq('provider_id', t.providerId))
      .filter((t) => eq('vault_name', t.vaultId ? world.vaults.get(t.vaultId)?.name : null))
      .filter((t) => (from === undefined || t.run.startedAt >= from) && (to === undefined || t.run.startedAt <= to))
      // Undocumented order: newest first.
      .sort((a, b) => b.run.startedAt - a.run.startedAt || (a.id < b.id ? -1 : 1));
    return {
      status: 200,
      body: { operation_logs: matches.slice(offset, offset + limit).map((t) => taskView(t, world, clock)), count: matches.length, limit, offset },
    };
  });

  server.route('GET', `${P}/operation-logs/:operation_log_id`, ({ params }) => {
    const task = world.tasks.get(params.operation_log_id);
    if (!task) throw NOT_FOUND.operationLog();
    return { status: 200, body: { operation_log: taskView(task, world, clock) } };
  });
}
