import './register-paths';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiFile } from './openapi-document';

/** `npm run openapi`: writes docs/openapi.json (a test fails when it is stale). */
async function main(): Promise<void> {
  const file = join(process.cwd(), 'docs', 'openapi.json');
  writeFileSync(file, await buildOpenApiFile());
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
