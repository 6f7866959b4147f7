import { randomUUID } from 'node:crypto';
import { LIST_FILTER_MATCHERS, silentLogger, type ListRequest, type Page, type ProviderSession } from '@backbridge/plugin-sdk';
import type { JobRecord, OrderBy, RecoveryPointRecord } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { portworxPdsPlugin } from '@backbridge/portworx-pds';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';
import { walkRecoveryPointsDirect } from '../../../bench/direct/portworx-pds';

/**
 * Deep walks over real HTTP against an emulator holding thousands of extra recovery points: the
 * streamed orders give every item once, in order, for any page size, and one page costs a bounded
 * number of vendor calls however long the history is.
 */

const EXTRA = 2_000;
const SLOW = 120_000;

interface Connected {
  emulator: RunningEmulator;
  session: ProviderSession;
  /** Vendor HTTP calls made so far through this session (token exchanges included). */
  calls(): number;
}

async function connect(extraRecoveryPoints: number): Promise<Connected> {
  const emulator = await portworxPdsEmulator.start({ timeScale: 0.01, extraRecoveryPoints });
  let calls = 0;
  const session = await portworxPdsPlugin.connect({
    id: randomUUID(),
    name: 'pds-deep-walk',
    endpoint: emulator.endpoint,
    config: emulator.config,
    credentials: emulator.credentials,
    logger: silentLogger,
    observeVendorCall: () => void (calls += 1),
  });
  return { emulator, session, calls: () => calls };
}

type List<T> = (request: ListRequest<any>) => Promise<Page<T>>;

async function walk<T extends { nativeId: string }>(list: List<T>, pageSize: number, orderBy: OrderBy, filter: object = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > 5_000) throw new Error('the walk did not end');
    const page = await list({ pageSize, cursor, orderBy, filter });
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.items);
    cursor = page.cursor;
    if (cursor === undefined) return items;
  }
}

/** Vendor calls made by the page after `depth` pages of `pageSize`. */
async function callsForPageAt<T>(connected: Connected, list: List<T>, depth: number, orderBy: OrderBy): Promise<number> {
  let cursor: string | undefined;
  for (let i = 0; i < depth; i++) cursor = (await list({ pageSize: 50, cursor, orderBy, filter: {} })).cursor;
  expect(cursor).toBeDefined();
  const before = connected.calls();
  await list({ pageSize: 50, cursor, orderBy, filter: {} });
  return connected.calls() - before;
}

const DESC: OrderBy = { field: 'createdAt', direction: 'desc' };
const ASC: OrderBy = { field: 'createdAt', direction: 'asc' };
const orderOf = (key: string): OrderBy => {
  const [field, direction] = key.split(' ') as [OrderBy['field'], OrderBy['direction']];
  return { field, direction };
};

/** Items out of the gateway's order: (sort value in the direction, then nativeId ascending). */
function outOfOrder<T extends { nativeId: string }>(items: T[], orderBy: OrderBy, value: (item: T) => string): string[] {
  const sign = orderBy.direction === 'asc' ? 1 : -1;
  return items.slice(1).flatMap((item, i) => {
    const [a, b] = [value(items[i]), value(item)];
    const order = (a < b ? -1 : a > b ? 1 : 0) * sign || (items[i].nativeId < item.nativeId ? -1 : 1);
    return order < 0 ? [] : [`${items[i].nativeId} (${a}) before ${item.nativeId} (${b})`];
  });
}

/** The points that match `filter`, in createdAt asc order (ties by nativeId ascending). */
function ascendingOf(points: RecoveryPointRecord[], filter: object): string[] {
  return points
    .filter((p) => LIST_FILTER_MATCHERS.recoveryPoints(p, filter))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.nativeId < b.nativeId ? -1 : 1))
    .map((p) => p.nativeId);
}

const pointValue = (orderBy: OrderBy) => (p: RecoveryPointRecord) => (orderBy.field === 'name' ? (p.resourceName ?? p.nativeId) : p.createdAt);
const jobValue = (orderBy: OrderBy) => (j: JobRecord) => (orderBy.field === 'name' ? j.nativeId : (j.createdAt ?? j.startedAt ?? ''));

describe(`PDS deep walks over ${EXTRA} extra recovery points`, () => {
  let pds: Connected;
  let held: number;
  const recoveryPoints = () => pds.session.listRecoveryPoints!.bind(pds.session) as List<RecoveryPointRecord>;
  const jobs = () => pds.session.listJobs!.bind(pds.session) as List<JobRecord>;

  beforeAll(async () => {
    pds = await connect(EXTRA);
    held = await walkRecoveryPointsDirect(pds.emulator);
  }, SLOW);
  afterAll(() => pds.emulator.stop());

  it('holds the regular seed and the extra points', () => {
    expect(held).toBeGreaterThan(EXTRA + 30);
  });

  for (const key of portworxPdsPlugin.capabilities.listing.recoveryPoints.streamedOrders) {
    it(
      `walks recovery points by ${key} alike with page sizes 7 and 500: every one the emulator holds, once, in order, ties by nativeId`,
      async () => {
        const orderBy = orderOf(key);
        const small = await walk(recoveryPoints(), 7, orderBy);
        const large = await walk(recoveryPoints(), 500, orderBy);
        expect(small.map((p) => p.nativeId)).toEqual(large.map((p) => p.nativeId));
        expect(new Set(small.map((p) => p.nativeId)).size).toBe(held);
        expect(outOfOrder(small, orderBy, pointValue(orderBy))).toEqual([]);
        // The emulator's ties come in stored order (reversed descending), not by id: the walk had to sort them.
        const ties = small.slice(1).filter((p, i) => p.createdAt === small[i].createdAt);
        expect(ties.length).toBeGreaterThan(EXTRA / 2);
      },
      SLOW,
    );
  }

  for (const key of portworxPdsPlugin.capabilities.listing.jobs.streamedOrders) {
    it(
      `walks jobs (backup jobs merged with restores) by ${key} alike with page sizes 7 and 500`,
      async () => {
        const orderBy = orderOf(key);
        const small = await walk(jobs(), 7, orderBy);
        const large = await walk(jobs(), 500, orderBy);
        expect(small.map((j) => j.nativeId)).toEqual(large.map((j) => j.nativeId));
        expect(small.filter((j) => j.type === 'backup')).toHaveLength(held);
        expect(small.filter((j) => j.type === 'restore').length).toBeGreaterThanOrEqual(1);
        expect(new Set(small.map((j) => j.nativeId)).size).toBe(small.length);
        expect(outOfOrder(small, orderBy, jobValue(orderBy))).toEqual([]);
      },
      SLOW,
    );
  }

  it('the recovery point list by resource name (not streamed) still walks every point once, in order', async () => {
    const orderBy: OrderBy = { field: 'name', direction: 'asc' };
    const walked = await walk(recoveryPoints(), 500, orderBy);
    expect(new Set(walked.map((p) => p.nativeId)).size).toBe(held);
    expect(outOfOrder(walked, orderBy, pointValue(orderBy))).toEqual([]);
  }, SLOW);

  describe('pushed filters return exactly the matching items', () => {
    let allPoints: RecoveryPointRecord[];
    let allJobs: JobRecord[];
    beforeAll(async () => {
      allPoints = await walk(recoveryPoints(), 500, DESC);
      allJobs = await walk(jobs(), 500, DESC);
    }, SLOW);

    const pointFilters = (): [string, object][] => {
      const resource = allPoints.find((p) => p.policyNativeId)!;
      const middle = allPoints[Math.floor(allPoints.length / 2)].createdAt;
      return [
        ['resourceNativeId', { resourceNativeId: resource.resourceNativeId }],
        ['policyNativeId', { policyNativeId: resource.policyNativeId }],
        ['status', { status: 'failed' }],
        ['createdAfter', { createdAfter: middle }],
        ['createdBefore', { createdBefore: middle }],
      ];
    };

    it('declares every recovery point filter pushed', () => {
      expect([...portworxPdsPlugin.capabilities.listing.recoveryPoints.pushedFilters].sort()).toEqual(pointFilters().map(([name]) => name).sort());
    });

    it.each(['resourceNativeId', 'policyNativeId', 'status', 'createdAfter', 'createdBefore'])(
      'recovery points by %s, in both streamed orders',
      async (name) => {
        const filter = pointFilters().find(([n]) => n === name)![1];
        const expected = allPoints.filter((p) => LIST_FILTER_MATCHERS.recoveryPoints(p, filter)).map((p) => p.nativeId);
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan(allPoints.length);
        expect((await walk(recoveryPoints(), 50, DESC, filter)).map((p) => p.nativeId)).toEqual(expected);
        expect((await walk(recoveryPoints(), 50, ASC, filter)).map((p) => p.nativeId)).toEqual(ascendingOf(allPoints, filter));
      },
      SLOW,
    );

    it.each([
      ['type', { type: 'restore' }],
      ['type', { type: 'backup' }],
      ['status', { status: 'failed' }],
      ['resourceNativeId', undefined],
      ['policyNativeId', undefined],
      ['startedAfter', undefined],
    ] as [string, object | undefined][])(
      'jobs by %s',
      async (name, given) => {
        const withPolicy = allJobs.find((j) => j.policyNativeId)!;
        const filter = given ?? {
          resourceNativeId: { resourceNativeId: withPolicy.resourceNativeId },
          policyNativeId: { policyNativeId: withPolicy.policyNativeId },
          startedAfter: { startedAfter: allJobs[Math.floor(allJobs.length / 3)].startedAt },
        }[name]!;
        expect(portworxPdsPlugin.capabilities.listing.jobs.pushedFilters).toContain(name);
        const expected = allJobs.filter((j) => LIST_FILTER_MATCHERS.jobs(j, filter as never)).map((j) => j.nativeId);
        expect(expected.length).toBeGreaterThan(0);
        expect((await walk(jobs(), 50, DESC, filter)).map((j) => j.nativeId)).toEqual(expected);
      },
      SLOW,
    );

    it('a resource filter that is no PDS id lists nothing, without asking PDS', async () => {
      const before = pds.calls();
      expect(await recoveryPoints()({ pageSize: 10, orderBy: DESC, filter: { resourceNativeId: 'not-a-uuid' } })).toEqual({ items: [] });
      expect(await jobs()({ pageSize: 10, orderBy: DESC, filter: { resourceNativeId: 'not-a-uuid' } })).toEqual({ items: [] });
      expect(pds.calls()).toBe(before);
    });

    it('resources and policies by each of their pushed filters', async () => {
      const byName: OrderBy = { field: 'name', direction: 'asc' };
      const resources = await walk(pds.session.listResources!.bind(pds.session), 100, byName);
      const policies = await walk(pds.session.listPolicies!.bind(pds.session), 100, byName);
      const protectedOne = resources.find((r) => r.policyNativeIds.length > 0)!;
      const resourceFilters = { type: { type: 'database-cluster' }, name: { name: 'PG' }, protected: { protected: false }, policyNativeId: { policyNativeId: protectedOne.policyNativeIds[0] } };
      expect(Object.keys(resourceFilters).sort()).toEqual([...portworxPdsPlugin.capabilities.listing.resources.pushedFilters].sort());
      for (const filter of Object.values(resourceFilters)) {
        const expected = resources.filter((r) => LIST_FILTER_MATCHERS.resources(r, filter as never)).map((r) => r.nativeId);
        expect(expected.length).toBeGreaterThan(0);
        expect((await walk(pds.session.listResources!.bind(pds.session), 2, byName, filter)).map((r) => r.nativeId)).toEqual(expected);
      }
      const policyFilters = { name: { name: 'DAILY' }, enabled: { enabled: true }, resourceNativeId: { resourceNativeId: protectedOne.nativeId } };
      expect(Object.keys(policyFilters).sort()).toEqual([...portworxPdsPlugin.capabilities.listing.policies.pushedFilters].sort());
      for (const filter of Object.values(policyFilters)) {
        const expected = policies.filter((p) => LIST_FILTER_MATCHERS.policies(p, filter as never)).map((p) => p.nativeId);
        expect(expected.length).toBeGreaterThan(0);
        expect((await walk(pds.session.listPolicies!.bind(pds.session), 1, byName, filter)).map((p) => p.nativeId)).toEqual(expected);
      }
    }, SLOW);
  });
});

describe('PDS vendor calls per page do not grow with the history', () => {
  const sizes = [500, 2_000] as const;
  const connected = new Map<number, Connected>();

  beforeAll(async () => {
    for (const size of sizes) connected.set(size, await connect(size));
  }, SLOW);
  afterAll(() => Promise.all([...connected.values()].map((c) => c.emulator.stop())));

  it.each([
    ['recovery points', DESC],
    ['recovery points', ASC],
    ['jobs', DESC],
    ['jobs', ASC],
  ] as const)(
    'one page of 50 of %s (%o) deep in the walk costs a few vendor calls, the same for 500 and 2000 extra points',
    async (kind, orderBy) => {
      const costs: number[] = [];
      for (const size of sizes) {
        const c = connected.get(size)!;
        const list = (kind === 'jobs' ? c.session.listJobs!.bind(c.session) : c.session.listRecoveryPoints!.bind(c.session)) as List<unknown>;
        costs.push(await callsForPageAt(c, list, 8, orderBy));
      }
      expect(Math.max(...costs)).toBeLessThanOrEqual(25);
      expect(Math.abs(costs[0] - costs[1])).toBeLessThanOrEqual(2);
    },
    SLOW,
  );
});
