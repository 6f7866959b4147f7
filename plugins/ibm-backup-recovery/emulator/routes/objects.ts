import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, queryBool, queryList, queryNumber, requireInt64 } from '../ibm-errors';

const DEFAULT_COUNT = 25;

/** The pagination cookie is opaque to clients; here it is the next offset, encoded. */
const encodeCookie = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
function decodeCookie(cookie: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cookie, 'base64url').toString('utf8'));
  if (!match) throw ibmError('KValidationError', 'paginationCookie is not valid');
  return Number(match[1]);
}

export function objectRoutes(server: EmulatorServer, cluster: Cluster): void {
  server.route('GET', '/v2/data-protect/search/objects', ({ query }) => {
    const searchString = query.get('searchString') ?? '*';
    const environments = queryList(query, 'environments');
    const objectIds = queryList(query, 'objectIds').map((id) => requireInt64(id, 'objectIds'));
    const sourceIds = queryList(query, 'sourceIds').map((id) => requireInt64(id, 'sourceIds'));
    const groupIds = queryList(query, 'protectionGroupIds');
    const osTypes = queryList(query, 'osTypes');
    const isProtected = queryBool(query, 'isProtected');
    const count = queryNumber(query, 'count') ?? DEFAULT_COUNT;
    if (!Number.isInteger(count) || count < 1) throw ibmError('KValidationError', 'count must be a positive integer');
    const cookie = query.get('paginationCookie');
    const offset = cookie ? decodeCookie(cookie) : 0;
    // Names match exactly, or by prefix with a trailing '*'.
    const nameMatches = (name: string) =>
      searchString === '*' || (searchString.endsWith('*') ? name.startsWith(searchString.slice(0, -1)) : name === searchString);
    const matching = cluster.data.objects
      .filter((o) => nameMatches(o.name))
      .filter((o) => environments.length === 0 || environments.includes(o.environment))
      .filter((o) => objectIds.length === 0 || objectIds.includes(o.id))
      .filter((o) => sourceIds.length === 0 || sourceIds.includes(o.sourceId))
      .filter((o) => osTypes.length === 0 || (o.osType !== undefined && osTypes.includes(o.osType)))
      .filter((o) => groupIds.length === 0 || cluster.groupsProtecting(o.id).some((g) => groupIds.includes(g.id)))
      .filter((o) => isProtected === undefined || cluster.groupsProtecting(o.id).length > 0 === isProtected)
      .sort((a, b) => a.id - b.id);
    const page = matching.slice(offset, offset + count);
    const next = offset + count < matching.length ? encodeCookie(offset + count) : undefined;
    return {
      status: 200,
      body: { objects: page.map((o) => cluster.objectView(o)), ...(next && { paginationCookie: next }), count: matching.length },
    };
  });

  server.route('GET', '/v2/data-protect/objects/:id/snapshots', ({ params, query }) => {
    const objectId = requireInt64(params.id, 'Object id');
    if (!cluster.object(objectId)) throw ibmError('KEntityNotExistsError', `Object ${objectId} does not exist`);
    const from = queryNumber(query, 'fromTimeUsecs');
    const to = queryNumber(query, 'toTimeUsecs');
    const runFrom = queryNumber(query, 'runStartFromTimeUsecs');
    const runTo = queryNumber(query, 'runStartToTimeUsecs');
    const runTypes = queryList(query, 'runTypes');
    const groupIds = queryList(query, 'protectionGroupIds');
    const runInstanceIds = queryList(query, 'runInstanceIds').map(Number);
    // Snapshots here are taken at their run's start, so both time ranges narrow the same index.
    const lower = Math.max(from ?? -Infinity, runFrom ?? -Infinity);
    const upper = Math.min(to ?? Infinity, runTo ?? Infinity);
    const snapshots = cluster
      .objectSnapshots(objectId, lower, upper)
      .filter((s) => from === undefined || (s.snapshotTimestampUsecs as number) >= from)
      .filter((s) => to === undefined || (s.snapshotTimestampUsecs as number) <= to)
      .filter((s) => runFrom === undefined || (s.runStartTimeUsecs as number) >= runFrom)
      .filter((s) => runTo === undefined || (s.runStartTimeUsecs as number) <= runTo)
      .filter((s) => runTypes.length === 0 || runTypes.includes(String(s.runType)))
      .filter((s) => groupIds.length === 0 || groupIds.includes(String(s.protectionGroupId)))
      .filter((s) => runInstanceIds.length === 0 || runInstanceIds.includes(s.runInstanceId as number));
    return { status: 200, body: { snapshots } };
  });
}
