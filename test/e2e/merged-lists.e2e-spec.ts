import type { RunningEmulator } from '@backbridge/emulator-kit';
import { SANDBOX_EMULATORS } from '@backbridge/sandbox';
import { SHIPPED_PLUGINS } from '../../apps/gateway/src/plugins/plugin-catalogue';
import { connectEmulators } from '../support/fleet';
import { walkMerged } from '../support/merged-walk';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** The gateway's sort value of each kind, to check the merged order independently of the gateway. */
const SORT_VALUES: Record<string, (item: any, field: 'name' | 'createdAt') => string> = {
  resources: (r, field) => (field === 'name' ? r.name : (r.createdAt ?? '')),
  policies: (p, field) => (field === 'name' ? p.name : (p.createdAt ?? '')),
  'recovery-points': (r, field) => (field === 'name' ? (r.resourceName ?? r.nativeId) : r.createdAt),
  jobs: (j, field) => (field === 'name' ? j.nativeId : (j.createdAt ?? j.startedAt ?? '')),
  vaults: (v, field) => (field === 'name' ? v.name : (v.createdAt ?? '')),
};

function outOfOrder(kind: string, items: any[], field: 'name' | 'createdAt', direction: 'asc' | 'desc'): string[] {
  const problems: string[] = [];
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [SORT_VALUES[kind](items[i - 1], field), SORT_VALUES[kind](items[i], field)];
    if (direction === 'asc' ? a > b : a < b) problems.push(`${items[i - 1].id} (${a}) before ${items[i].id} (${b})`);
  }
  return problems;
}

describe('merged lists across the four vendors (CPM pages by number, IBM by time, CBR by offset, PDS by token)', () => {
  let t: TestGateway;
  let running: RunningEmulator[] = [];
  let scope: string;

  beforeAll(async () => {
    t = await startTestGateway({ plugins: SHIPPED_PLUGINS });
    const fleet = await connectEmulators(t.admin, SANDBOX_EMULATORS, { copies: 1, tag: 'merged', timeScale: 0.05 });
    running = fleet.running;
    scope = [...fleet.connections].map((id) => `connection=${id}`).join('&');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await Promise.all(running.map((e) => e.stop()));
  });

  const KINDS: { kind: string; order: 'name' | 'createdAt'; providers: number }[] = [
    { kind: 'resources', order: 'name', providers: 4 },
    { kind: 'policies', order: 'name', providers: 4 },
    { kind: 'recovery-points', order: 'createdAt', providers: 4 },
    { kind: 'jobs', order: 'createdAt', providers: 4 },
    { kind: 'vaults', order: 'name', providers: 2 },
  ];

  for (const { kind, order, providers } of KINDS) {
    it(`${kind}: page sizes 1, 7 and 500 walk the same items in the same (default) order, each once, from ${providers} vendors`, async () => {
      const bySize = new Map<number, string[]>();
      for (const size of [500, 7, 1]) {
        const walk = await walkMerged(t.admin, `/v1/${kind}?${scope}`, size);
        expect(new Set(walk.ids).size).toBe(walk.ids.length);
        expect(outOfOrder(kind, walk.items, order, order === 'createdAt' ? 'desc' : 'asc')).toEqual([]);
        if (size === 500) expect(new Set(walk.items.map((item) => item.provider)).size).toBe(providers);
        bySize.set(size, walk.ids);
      }
      expect(bySize.get(500)!.length).toBeGreaterThan(0);
      expect(bySize.get(7)).toEqual(bySize.get(500));
      expect(bySize.get(1)).toEqual(bySize.get(500));
    }, 240_000);

    it(`${kind}: both keys both ways walk the same set of items, each in its order`, async () => {
      const reference = (await walkMerged(t.admin, `/v1/${kind}?${scope}`, 500)).ids.sort();
      for (const field of ['name', 'createdAt'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const walk = await walkMerged(t.admin, `/v1/${kind}?${scope}&orderBy=${encodeURIComponent(`${field} ${direction}`)}`, 7);
          expect(outOfOrder(kind, walk.items, field, direction)).toEqual([]);
          expect([...walk.ids].sort()).toEqual(reference);
        }
      }
    }, 240_000);
  }

  it('filters pushed down by some vendors and applied by the gateway for others give the same answer as filtering the whole walk', async () => {
    const all = (await walkMerged(t.admin, `/v1/recovery-points?${scope}`, 500)).items;
    const status = 'available';
    const middle = [...all.map((p) => p.createdAt)].sort()[Math.floor(all.length / 2)];
    const filtered = await walkMerged(t.admin, `/v1/recovery-points?${scope}&status=${status}&createdAfter=${encodeURIComponent(middle)}`, 7);
    const expected = all.filter((p) => p.status === status && Date.parse(p.createdAt) >= Date.parse(middle)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(filtered.ids).toEqual(expected);
  }, 240_000);

  it('refuses a tampered page token and one from another query with 400', async () => {
    const first = await t.admin.get(`/v1/recovery-points?${scope}&pageSize=5`);
    const token: string = first.body.nextPageToken;
    expect(token).toEqual(expect.any(String));
    const [body, mac] = token.split('.');
    const flipped = body.slice(0, 10) + (body[10] === 'A' ? 'B' : 'A') + body.slice(11);
    for (const bad of [`${flipped}.${mac}`, `${body}.${mac.slice(0, -2)}xx`, 'not-a-token', `${body}.${mac}.extra`]) {
      const answer = await t.admin.get(`/v1/recovery-points?${scope}&pageSize=5&pageToken=${encodeURIComponent(bad)}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'pageToken' })] });
    }
    const otherQuery = await t.admin.get(`/v1/recovery-points?${scope}&pageSize=5&status=available&pageToken=${encodeURIComponent(token)}`);
    expect(otherQuery.status).toBe(400);
    const otherList = await t.admin.get(`/v1/jobs?${scope}&pageSize=5&pageToken=${encodeURIComponent(token)}`);
    expect(otherList.status).toBe(400);
  });
});
