// The compiled CLI resolves @backbridge/* aliases the way the gateway does.
import '../../gateway/src/register-paths';
import { startSandbox } from './sandbox';

/** Runs the vendor emulators alone (without the gateway), printing where each listens. */
async function main(): Promise<void> {
  const sandbox = await startSandbox();
  if (sandbox.emulators.length === 0) {
    console.log('No emulators are registered yet.');
  }
  for (const e of sandbox.emulators) {
    console.log(`${e.pluginId}: ${e.endpoint}`);
  }
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
