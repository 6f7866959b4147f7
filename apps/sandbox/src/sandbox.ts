import type { RunningEmulator, SandboxEmulator } from './sandbox-emulator';
import { SANDBOX_EMULATORS } from './sandbox-emulators';

export interface Sandbox {
  emulators: RunningEmulator[];
  stop(): Promise<void>;
}

/** Starts the emulators of the given plugins (all shipped ones by default) side by side. */
export async function startSandbox(pluginIds?: string[], emulators: SandboxEmulator[] = SANDBOX_EMULATORS): Promise<Sandbox> {
  const chosen = emulators.filter((e) => !pluginIds || pluginIds.includes(e.pluginId));
  const running = await Promise.all(chosen.map((e) => e.start()));
  return {
    emulators: running,
    async stop() {
      await Promise.all(running.map((e) => e.stop()));
    },
  };
}
