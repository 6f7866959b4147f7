import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture payload without its "//source" note. */
export function loadFixture<T = Record<string, unknown>>(name: string): T {
  const { '//source': _source, ...payload } = JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>;
  return payload as T;
}
