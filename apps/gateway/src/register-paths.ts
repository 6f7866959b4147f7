import { join } from 'node:path';
import { loadConfig, register } from 'tsconfig-paths';

/**
 * The compiled app resolves `@backbridge/*` through tsconfig.json's paths, against dist/ instead
 * of the sources. Imported first by main.ts; tests resolve the aliases through jest instead.
 */
const root = join(__dirname, '..', '..', '..');
const tsconfig = loadConfig(join(root, '..'));
if (tsconfig.resultType === 'success') {
  const paths = Object.fromEntries(
    Object.entries(tsconfig.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, ''))]),
  );
  register({ baseUrl: root, paths });
}
