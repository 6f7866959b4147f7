import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, isRecord, queryList, requireBody } from '../ibm-errors';
import { usecs } from '../model';

const PACKAGE_TYPES = ['kScript', 'kRPM', 'kSuseRPM', 'kDEB', 'kPowerPCRPM'];

/** Agent installers and scheduled agent upgrades. */
export function agentRoutes(server: EmulatorServer, cluster: Cluster): void {
  const tasks: Record<string, unknown>[] = [];
  let nextTask = 40;

  server.route('POST', '/v2/data-protect/agents/download', ({ body }) => {
    const request = requireBody(body);
    if (request.platform !== 'kWindows' && request.platform !== 'kLinux') throw ibmError('KValidationError', 'request body has an error: platform must be kWindows or kLinux');
    if (request.platform === 'kLinux' && !(isRecord(request.linuxParams) && PACKAGE_TYPES.includes(String(request.linuxParams.packageType)))) {
      throw ibmError('KValidationError', `request body has an error: linuxParams.packageType must be one of ${PACKAGE_TYPES.join(', ')}`);
    }
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from(`emulated ${String(request.platform)} agent installer\n`) };
  });

  server.route('GET', '/v2/data-protect/agents/upgrade-tasks', ({ query }) => {
    const ids = queryList(query, 'ids');
    return { status: 200, body: { tasks: tasks.filter((t) => ids.length === 0 || ids.includes(String(t.id))) } };
  });

  server.route('POST', '/v2/data-protect/agents/upgrade-tasks', ({ body }) => {
    const request = requireBody(body);
    const agentIds = Array.isArray(request.agentIDs) ? request.agentIDs.map(Number) : [];
    if (agentIds.some((id) => !cluster.data.registrations.some((r) => r.id === id))) throw ibmError('KEntityNotExistsError', 'An agent in agentIDs does not exist');
    nextTask += 1;
    const scheduled = Number.isInteger(request.scheduleTimeUsecs) ? (request.scheduleTimeUsecs as number) : usecs(cluster.clock.now());
    const task = {
      id: nextTask,
      name: typeof request.name === 'string' ? request.name : `upgrade-task-${nextTask}`,
      ...(typeof request.description === 'string' && { description: request.description }),
      agentIDs: agentIds,
      agents: agentIds.map((id) => ({ id, info: { name: cluster.data.registrations.find((r) => r.id === id)?.name, status: 'Scheduled' } })),
      clusterVersion: '7.1.2_u1',
      status: 'Scheduled',
      type: 'Manual',
      isRetryable: false,
      scheduleTimeUsecs: scheduled,
    };
    tasks.push(task);
    return { status: 201, body: task };
  });
}
