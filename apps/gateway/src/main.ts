import './register-paths';
import { existsSync } from 'node:fs';
import { ConfigError } from './config/app-config';
import { createGateway } from './create-gateway';

/** `npm start`: the gateway on the embedded database with the sandbox vendors. */
async function main(): Promise<void> {
  if (existsSync('.env')) {
    process.loadEnvFile('.env');
  }
  const env = { ...process.env };
  if (process.argv.includes('--sandbox') && env.SANDBOX === undefined) {
    env.SANDBOX = 'true';
  }
  const startedAt = process.hrtime.bigint();
  const gateway = await createGateway({ env });
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

  const database = `  database:    ${gateway.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded, in ${gateway.config.dataDir}/pglite`}`;
  const lines =
    gateway.config.role === 'worker'
      ? ['', `Backbridge worker is ready in ${seconds.toFixed(1)} s (ROLE=worker: follows operations, serves no HTTP)`, database]
      : ['', `Backbridge is ready in ${seconds.toFixed(1)} s at ${gateway.url}${gateway.config.role === 'api' ? ' (ROLE=api: no workers)' : ''}`, `  Swagger UI:  ${gateway.url}/docs`, database];
  if (gateway.generatedAdminKey) {
    lines.push(
      `  admin API key (sandbox, new at each start): ${gateway.generatedAdminKey}`,
      `  get a token:  curl -s -X POST ${gateway.url}/v1/auth/token -H 'content-type: application/json' -d '{"apiKey":"${gateway.generatedAdminKey}"}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nSee .env.example and docs/configuration.md.\n`);
  } else {
    process.stderr.write(`Backbridge failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
