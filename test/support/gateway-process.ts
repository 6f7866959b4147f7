import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'gateway', 'src', 'main.js');

/** Compiles the gateway into dist/ (as `npm run build` does), for suites that run it as a process. */
export function buildGateway(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(MAIN)) {
    throw new Error(`tsc -p tsconfig.build.json failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export interface GatewayProcess {
  child: ChildProcess;
  /** The API's base URL (empty for ROLE=worker). */
  url: string;
  output(): string;
  /** SIGKILL: no shutdown hook runs, as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** Starts `node dist/apps/gateway/src/main.js` with `env` and waits for its ready line. */
export async function spawnGateway(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // BACKBRIDGE_TEST_GATEWAY_LOGS=<folder>: each process's output also goes to <folder>/gateway-<pid>.log.
  const logs = process.env.BACKBRIDGE_TEST_GATEWAY_LOGS;
  if (logs) {
    const file = createWriteStream(join(logs, `gateway-${child.pid}.log`));
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not get ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const ready = /is ready in [\d.]+ s(?: at (http:\/\/\S+?))?(?: \(|\s*$|\n)/m.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1] ?? '');
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // A gateway that does not stop within 20 s is killed: a test must not hang on it.
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
