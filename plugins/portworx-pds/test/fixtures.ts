import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A documented example payload from test/fixtures (its `//source` key removed). */
export function fixture<T>(name: string): T {
  const { '//source': _source, ...payload } = JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Record<string, unknown>;
  return payload as T;
}

/** A logger that records warnings, so specs can see a fallback being reported. */
export function recordingLogger() {
  const warnings: { message: string; context?: Record<string, unknown> }[] = [];
  const noop = () => undefined;
  return { warnings, logger: { debug: noop, info: noop, error: noop, warn: (message: string, context?: Record<string, unknown>) => void warnings.push({ message, context }) } };
}
