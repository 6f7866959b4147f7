import type { OrderBy, RecoveryPointRecord } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { LIST_FILTER_MATCHERS, orderKeyOf, type ProviderSession, type RecoveryPointFilter } from '@backbridge/plugin-sdk';
import { orderViolations, walkList, type AnyRecord } from '@backbridge/plugin-sdk/conformance';
import { huaweiCbrEmulator } from '../emulator';
import { huaweiCbrPlugin } from '../src';
import { createCbrClient } from '../src/client/create-client';
import { createdAtOf } from '../src/mappers/recovery-point.mapper';
import { connectionTo } from './emulator-connection';

interface Deep {
  emulator: RunningEmulator;
  session: ProviderSession;
  /** Vendor HTTP calls so far (IAM included) and their outcomes, from the connection's observer. */
  calls: { count: number; outcomes: string[] };
  /** Top-level backups CBR holds (`count` of the backup list). */
  held(): Promise<number>;
}

async function deep(extraRecoveryPoints: number): Promise<Deep> {
  const emulator = await huaweiCbrEmulator.start({ timeScale: 0.05, extraRecoveryPoints });
  const calls = { count: 0, outcomes: [] as string[] };
  const connection = {
    ...connectionTo(emulator),
    observeVendorCall: ({ outcome }: { outcome: string }) => {
      calls.count += 1;
      calls.outcomes.push(outcome);
    },
  };
  const session = await huaweiCbrPlugin.connect(connection);
  const cbr = createCbrClient(connectionTo(emulator));
  return { emulator, session, calls, held: async () => (await cbr.listBackups({ limit: 1 })).count };
}

const STREAMED: OrderBy[] = huaweiCbrPlugin.capabilities.listing.recoveryPoints.streamedOrders.map((key) => {
  const [field, direction] = key.split(' ') as [OrderBy['field'], OrderBy['direction']];
  return { field, direction };
});

const walkPoints = (session: ProviderSession, pageSize: number, orderBy: OrderBy, filter: RecoveryPointFilter = {}) =>
  walkList<RecoveryPointRecord>((req) => session.listRecoveryPoints!({ ...req, filter }), pageSize, orderBy).then((w) => w.items);

const idsOf = (items: { nativeId: string }[]) => items.map((i) => i.nativeId);

/** The cursor of the page that starts at `depth` of a walk with `pageSize`. */
async function cursorAt(session: ProviderSession, pageSize: number, orderBy: OrderBy, depth: number): Promise<string> {
  let cursor: string | undefined;
  for (let seen = 0; seen < depth; ) {
    const page = await session.listRecoveryPoints!({ pageSize, cursor, orderBy, filter: {} });
    if (!page.cursor) throw new Error(`The walk ended before ${depth} items.`);
    seen += page.items.length;
    cursor = page.cursor;
  }
  return cursor!;
}

describe('huawei-cbr deep walks over HTTP (extraRecoveryPoints)', () => {
  let small: Deep;
  let large: Deep;

  beforeAll(async () => {
    [small, large] = await Promise.all([deep(500), deep(2000)]);
  }, 30_000);
  afterAll(() => Promise.all([small?.emulator.stop(), large?.emulator.stop()]));

  it('streams at least the default order both ways', () => {
    expect(STREAMED.map(orderKeyOf).sort()).toEqual(['createdAt asc', 'createdAt desc']);
  });

  it("is seeded so that CBR's order within one millisecond is not the nativeId order", async () => {
    const cbr = createCbrClient(connectionTo(large.emulator));
    const { backups } = await cbr.listBackups({ sort: 'created_at:desc,id:asc', limit: 1000, offset: 500 });
    const vendor = backups.map((b) => ({ nativeId: b.id, createdAt: createdAtOf(b) }) as AnyRecord);
    const violations = orderViolations('recoveryPoints', { field: 'createdAt', direction: 'desc' }, vendor);
    expect(violations.length).toBeGreaterThan(10);
  });

  for (const orderBy of STREAMED) {
    it(`walks ${orderKeyOf(orderBy)} with pageSize 7 and 500 to the same items, in order, each once, as many as CBR holds`, async () => {
      const held = await large.held();
      const [by7, by500] = await Promise.all([walkPoints(large.session, 7, orderBy), walkPoints(large.session, 500, orderBy)]);
      expect(held).toBeGreaterThan(2000);
      expect(idsOf(by7)).toEqual(idsOf(by500));
      expect(new Set(idsOf(by7)).size).toBe(held);
      expect(orderViolations('recoveryPoints', orderBy, by7 as unknown as AnyRecord[])).toEqual([]);
    }, 60_000);
  }

  it('reads a bounded number of vendor pages for one page of 50 deep in the walk, the same for 500 and 2000 extra points', async () => {
    const counts: Record<string, number[]> = {};
    for (const [name, env] of [['500', small], ['2000', large]] as const) {
      counts[name] = [];
      for (const orderBy of STREAMED) {
        const cursor = await cursorAt(env.session, 50, orderBy, Math.floor((await env.held()) * 0.8));
        const before = env.calls.count;
        const page = await env.session.listRecoveryPoints!({ pageSize: 50, cursor, orderBy, filter: {} });
        counts[name].push(env.calls.count - before);
        expect(page.items).toHaveLength(50);
      }
    }
    // One policy list (to name the policy of automatic backups) and one backup page.
    expect(counts['2000']).toEqual([2, 2]);
    expect(counts['500']).toEqual(counts['2000']);
  }, 60_000);

  it('has jobs that do not grow with the recovery points, so a jobs page costs the same for 500 and 2000', async () => {
    const cost = async (env: Deep) => {
      const before = env.calls.count;
      const { items } = await walkList((req) => env.session.listJobs!({ ...req, filter: {} }), 500, { field: 'createdAt', direction: 'desc' });
      return { jobs: items.length, calls: env.calls.count - before };
    };
    const [a, b] = [await cost(small), await cost(large)];
    expect(b).toEqual(a);
    expect(a.calls).toBe(1);
  });

  describe('pushed-down filters on a deep list', () => {
    let all: RecoveryPointRecord[];
    beforeAll(async () => {
      all = await walkPoints(large.session, 500, { field: 'createdAt', direction: 'desc' });
    }, 30_000);

    const samples = (): [string, RecoveryPointFilter][] => {
      const extra = all[all.length - 100];
      const automatic = all.find((r) => r.policyNativeId !== undefined)!;
      const middle = all[Math.floor(all.length / 2)];
      return [
        ['resourceNativeId', { resourceNativeId: extra.resourceNativeId }],
        ['policyNativeId', { policyNativeId: automatic.policyNativeId }],
        ['status available', { status: 'available' }],
        ['status failed', { status: 'failed' }],
        ['status expired', { status: 'expired' }],
        ['createdAfter', { createdAfter: middle.createdAt }],
        ['createdBefore', { createdBefore: middle.createdAt }],
        ['createdAfter and createdBefore, sub-second', { createdAfter: all[1500].createdAt, createdBefore: new Date(Date.parse(all[900].createdAt) + 1).toISOString() }],
      ];
    };

    it('declares every recovery point filter pushed down', () => {
      expect([...huaweiCbrPlugin.capabilities.listing.recoveryPoints.pushedFilters].sort()).toEqual(['createdAfter', 'createdBefore', 'policyNativeId', 'resourceNativeId', 'status']);
    });

    it('returns, for each pushed filter and streamed order, exactly the matching items', async () => {
      for (const [name, filter] of samples()) {
        const wanted = all.filter((r) => LIST_FILTER_MATCHERS.recoveryPoints(r, filter));
        for (const orderBy of STREAMED) {
          const got = await walkPoints(large.session, 50, orderBy, filter);
          expect({ name, order: orderKeyOf(orderBy), extra: got.filter((r) => !LIST_FILTER_MATCHERS.recoveryPoints(r, filter)).map((r) => r.nativeId) }).toEqual({ name, order: orderKeyOf(orderBy), extra: [] });
          expect({ name, order: orderKeyOf(orderBy), ids: idsOf(got).sort() }).toEqual({ name, order: orderKeyOf(orderBy), ids: idsOf(wanted).sort() });
        }
      }
    }, 120_000);
  });

  // Last: it changes the small emulator.
  it('walks on unchanged when the backup the cursor names is deleted and a new one is made between pages', async () => {
    const orderBy: OrderBy = { field: 'createdAt', direction: 'desc' };
    const reference = idsOf(await walkPoints(small.session, 7, orderBy));
    const first = await small.session.listRecoveryPoints!({ pageSize: 7, orderBy, filter: {} });
    const { marker } = JSON.parse(Buffer.from(first.cursor!, 'base64url').toString('utf8')) as { marker?: string };
    expect(idsOf(first.items)).toContain(marker);
    await small.session.deleteRecoveryPoint!({ nativeId: marker! });
    await small.session.startBackup!({ resourceNativeId: first.items[0].resourceNativeId });
    for (let i = 0; (await small.held()) !== reference.length && i < 100; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const rest: string[] = [];
    const outcomes = small.calls.outcomes.length;
    for (let cursor = first.cursor; cursor; ) {
      const page = await small.session.listRecoveryPoints!({ pageSize: 7, cursor, orderBy, filter: {} });
      rest.push(...idsOf(page.items));
      cursor = page.cursor;
    }
    expect([...idsOf(first.items), ...rest]).toEqual(reference);
    // CBR refused the marker once (400); the page read on from the time of the last item instead.
    expect(small.calls.outcomes.slice(outcomes).filter((o) => o !== 'ok')).toEqual(['client_error']);
  }, 30_000);
});
