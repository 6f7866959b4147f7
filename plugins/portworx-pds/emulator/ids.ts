import { seededRandom } from '@backbridge/emulator-kit';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Eight hex digits of a 32-bit word. */
function hex32(word: number): string {
  return HEX[word >>> 24] + HEX[(word >>> 16) & 0xff] + HEX[(word >>> 8) & 0xff] + HEX[word & 0xff];
}

/**
 * PDS ids are UUIDs (version 4). Seeded, so that two emulators started alike hand out the same ids.
 * Four random words an id: bulk seeding makes tens of thousands.
 */
export function seededUuids(seed: number): () => string {
  const random = seededRandom(seed);
  const word = () => Math.floor(random() * 0x1_0000_0000) >>> 0;
  return () => {
    const a = hex32(word());
    const b = hex32(((word() & 0xffff0fff) | 0x00004000) >>> 0); // version 4
    const c = hex32(((word() & 0x3fffffff) | 0x80000000) >>> 0); // RFC 4122 variant
    const d = hex32(word());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
