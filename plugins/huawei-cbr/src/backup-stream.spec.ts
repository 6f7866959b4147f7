import { VendorRejectedError, type RecoveryPointRecord } from '@backbridge/core';
import { silentLogger } from '@backbridge/plugin-sdk';
import { MAX_READS_PER_PAGE, streamBackups, type StreamPosition } from './backup-stream';
import type { CbrBackup } from './dto/backup.dto';
import { createdAtOf, toRecoveryPointRecord } from './mappers/recovery-point.mapper';
import { decodeCursor, type CbrCursor } from './paging';

/** Ids from a fixed generator, so a failure repeats. */
function ids(seed: number): () => string {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return `${state.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  };
}

/**
 * Backups in runs sharing a millisecond: within a run the microseconds differ (so CBR's order
 * there is not the id order), except in every third run, where they are equal too.
 */
function backupsWithTies(): CbrBackup[] {
  const next = ids(7);
  const backups: CbrBackup[] = [];
  for (let run = 0; run < 40; run++) {
    const ms = String(100 + run * 7).padStart(3, '0');
    const size = 1 + ((run * 5) % 9);
    for (let i = 0; i < size; i++) {
      const micros = run % 3 === 0 ? '500' : String(999 - ((i * 137 + run) % 1000)).padStart(3, '0');
      backups.push({ id: next(), checkpoint_id: 'c', created_at: `2024-03-0${1 + (run % 3)}T10:00:0${run % 10}.${ms}${micros}`, resource_id: 'r', status: 'available', vault_id: 'v' } as CbrBackup);
    }
  }
  return backups;
}

/** The emulated vendor: CBR's order (`created_at` to the microsecond, then id), marker, time bounds, head. */
class FakeCbr {
  reads = 0;
  constructor(public backups: CbrBackup[]) {}

  sorted(direction: 'asc' | 'desc'): CbrBackup[] {
    const sign = direction === 'asc' ? 1 : -1;
    return [...this.backups].sort((a, b) => sign * (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0) || (a.id < b.id ? -1 : 1));
  }

  read(direction: 'asc' | 'desc', from: StreamPosition, limit: number): CbrBackup[] {
    this.reads += 1;
    let list = this.sorted(direction);
    if ('marker' in from) {
      const at = list.findIndex((b) => b.id === from.marker);
      if (at < 0) throw new VendorRejectedError('marker is not a backup of this list');
      list = list.slice(at + 1);
    } else if ('time' in from) {
      // Whole seconds, widened as the plugin does: the second of the keyset is included.
      const second = from.time.value.slice(0, 19);
      list = list.filter((b) => (direction === 'desc' ? b.created_at.slice(0, 19) <= second : b.created_at.slice(0, 19) >= second));
    }
    return list.slice(0, limit);
  }
}

const ctx = { log: silentLogger, policyOfVault: new Map<string, string>(), now: new Date('2030-01-01T00:00:00Z') };

/** The gateway's order: createdAt to the millisecond, ties by nativeId ascending. */
function expected(backups: CbrBackup[], direction: 'asc' | 'desc', keep: (b: CbrBackup) => boolean = () => true): string[] {
  const sign = direction === 'asc' ? 1 : -1;
  return backups
    .filter(keep)
    .map((b) => ({ id: b.id, at: createdAtOf(b) }))
    .sort((a, b) => sign * (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) || (a.id < b.id ? -1 : 1))
    .map((b) => b.id);
}

async function walk(vendor: FakeCbr, direction: 'asc' | 'desc', pageSize: number, keep: (b: CbrBackup) => boolean = () => true, between?: (cursor: CbrCursor) => void) {
  const items: RecoveryPointRecord[] = [];
  const readsPerPage: number[] = [];
  let cursor: string | undefined;
  do {
    const before = vendor.reads;
    const page = await streamBackups({
      pageSize,
      direction,
      cursor: decodeCursor({ pageSize, cursor, orderBy: { field: 'createdAt', direction }, filter: {} }),
      read: async (from, limit) => vendor.read(direction, from, limit),
      pick: (b) => (keep(b) ? toRecoveryPointRecord(b, ctx) : undefined),
    });
    readsPerPage.push(vendor.reads - before);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.items);
    cursor = page.cursor;
    if (cursor && between) between(decodeCursor({ pageSize, cursor, orderBy: { field: 'createdAt', direction }, filter: {} }));
  } while (cursor);
  return { ids: items.map((i) => i.nativeId), readsPerPage };
}

describe(streamBackups.name, () => {
  const backups = backupsWithTies();

  it('is given data where CBR orders some equal milliseconds differently from the nativeId order', () => {
    const vendorOrder = new FakeCbr(backups).sorted('desc').map((b) => b.id);
    expect(vendorOrder).not.toEqual(expected(backups, 'desc'));
  });

  for (const direction of ['desc', 'asc'] as const) {
    it(`gives every backup once, in the gateway's order (${direction}), for page sizes 1 to 12 and 500`, async () => {
      for (const pageSize of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 500]) {
        const { ids: walked } = await walk(new FakeCbr(backups), direction, pageSize);
        expect({ pageSize, walked }).toEqual({ pageSize, walked: expected(backups, direction) });
      }
    });
  }

  it('reads about one vendor page per page', async () => {
    for (const pageSize of [1, 7, 50]) {
      const { readsPerPage } = await walk(new FakeCbr(backups), 'desc', pageSize);
      expect(Math.max(...readsPerPage)).toBeLessThanOrEqual(2);
    }
  });

  it('reads a group larger than the page whole and splits it over pages in nativeId order', async () => {
    const next = ids(11);
    const big = Array.from({ length: 30 }, (_, i) => ({ id: next(), checkpoint_id: 'c', created_at: `2024-05-01T08:00:00.250${String(999 - i * 7).padStart(3, '0')}`, resource_id: 'r', status: 'available', vault_id: 'v' }) as CbrBackup);
    const all = [...backups, ...big];
    for (const pageSize of [1, 4, 29]) expect((await walk(new FakeCbr(all), 'desc', pageSize)).ids).toEqual(expected(all, 'desc'));
  });

  it('reads on from the time of the last item when CBR no longer knows the marker', async () => {
    for (const direction of ['desc', 'asc'] as const) {
      const vendor = new FakeCbr(backups);
      const removed: string[] = [];
      // Between pages, the backup the cursor names as marker disappears.
      const { ids: walked } = await walk(vendor, direction, 5, undefined, (cursor) => {
        if (cursor.marker === undefined) return;
        vendor.backups = vendor.backups.filter((b) => b.id !== cursor.marker);
        removed.push(cursor.marker);
      });
      expect(removed.length).toBeGreaterThan(3);
      expect(walked).toEqual(expected(backups, direction));
    }
  });

  it('gives short pages rather than read on without bound when a filter keeps few backups', async () => {
    const keep = (b: CbrBackup) => b.id.startsWith('0') || b.id.startsWith('1');
    const { ids: walked, readsPerPage } = await walk(new FakeCbr(backups), 'desc', 3, keep);
    expect(walked).toEqual(expected(backups, 'desc', keep));
    expect(Math.max(...readsPerPage)).toBeLessThanOrEqual(MAX_READS_PER_PAGE);
  });
});
