/**
 * The processes a benchmark runs: vendor emulators and the gateway, each in a process of its own
 * (so that neither shares an event loop with the load generator), started from the compiled code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '@backbridge/emulator-kit';

const ROOT = join(__dirname, '..');
const EMULATOR_CLI = join(ROOT, 'dist', 'apps', 'sandbox', 'src', 'emulator-cli.js');

export interface EmulatorProcess extends RunningEmulator {
  child: ChildProcess;
}

/** `npm run emulator -- <id> --json …` as a child process; resolves with its connection. */
export async function startEmulatorProcess(pluginId: string, flags: string[] = []): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [EMULATOR_CLI, pluginId, '--json', ...flags], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const newline = output.indexOf('\n');
      if (newline >= 0) resolve(output.slice(0, newline));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`emulator ${pluginId} exited with ${code}: ${output}`)));
  });
  const connection = JSON.parse(line) as { provider: string; endpoint: string; region?: string; config: Record<string, unknown>; credentials: Record<string, unknown> };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pluginId: connection.provider,
    endpoint: connection.endpoint,
    region: connection.region,
    config: connection.config,
    credentials: connection.credentials,
    setFaults: () => {
      throw new Error('a benchmark emulator gets its faults on the command line');
    },
    expireTokens: () => {
      throw new Error('not available in a benchmark emulator process');
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident set size of a process now, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak. */
export function watchRss(pid: number, everyMs = 25): { stop(): number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // The process ended; the peak so far stands.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
