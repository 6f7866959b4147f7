// The compiled CLI resolves @backbridge/* aliases the way the gateway does.
import '../../gateway/src/register-paths';
import { parseArgs } from 'node:util';
import type { FaultOptions, SandboxEmulator } from '@backbridge/emulator-kit';
import { SANDBOX_EMULATORS } from './sandbox-emulators';

const usage = (emulators: SandboxEmulator[]) => `Usage: npm run emulator -- <plugin> [options]

Runs one vendor emulator standalone and prints how to connect to it.

Options:
  --port N                  listen port (default: a free port)
  --host H                  listen address (default 127.0.0.1)
  --time-scale X            multiply emulated job durations (default 1; 0.1 = ten times faster)
  --latency-ms N            add N ms to every response
  --error-rate X            answer this share (0..1) of requests with --error-status
  --error-status N          status of injected errors (default 503)
  --rate-limit-every N      answer every N-th request 429
  --retry-after N           Retry-After seconds on those 429s (default 1)
  --slow-body-ms N          send headers at once and the body N ms later
  --extra-recovery-points N seed N more recovery points (deep-walk tests, the benchmark)
  --json                    print the connection as one JSON line only (for scripts)
Plugins: ${emulators.map((e) => e.pluginId).join(', ') || 'none registered'}`;

/** Parses the command line; throws with the usage text on anything it does not understand. */
export function parseEmulatorArgs(argv: string[], emulators: SandboxEmulator[] = SANDBOX_EMULATORS) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'time-scale': { type: 'string' },
      'latency-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'error-status': { type: 'string' },
      'rate-limit-every': { type: 'string' },
      'retry-after': { type: 'string' },
      'slow-body-ms': { type: 'string' },
      'extra-recovery-points': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) throw new Error(usage(emulators));
  const emulator = emulators.find((e) => e.pluginId === positionals[0]);
  if (!emulator) throw new Error(`Unknown plugin '${positionals[0]}'.\n\n${usage(emulators)}`);
  const number = (name: keyof typeof values, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got '${String(raw)}'.`);
    return parsed;
  };
  const faults: FaultOptions = {
    latencyMs: number('latency-ms', 0),
    errorRate: number('error-rate', 0, 1),
    errorStatus: number('error-status', 400, 599),
    rateLimitEvery: number('rate-limit-every', 1),
    rateLimitRetryAfterSeconds: number('retry-after', 0),
    slowBodyMs: number('slow-body-ms', 0),
  };
  return {
    emulator,
    json: values.json === true,
    options: {
      port: number('port', 0, 65535),
      host: values.host,
      timeScale: number('time-scale', 0),
      faults,
      extraRecoveryPoints: number('extra-recovery-points', 0, 1_000_000),
    },
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseEmulatorArgs>;
  try {
    parsed = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const running = await parsed.emulator.start(parsed.options);
  const connection = { provider: running.pluginId, name: `${running.pluginId}-emulator`, endpoint: running.endpoint, region: running.region, config: running.config, credentials: running.credentials };
  if (parsed.json) {
    console.log(JSON.stringify(connection));
  } else {
    console.log(`${running.pluginId} emulator listening on ${running.endpoint}`);
    console.log('Connection for POST /v1/connections:');
    console.log(JSON.stringify(connection, null, 2));
  }
  const stop = () => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
