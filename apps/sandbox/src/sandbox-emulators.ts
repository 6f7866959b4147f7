import type { SandboxEmulator } from './sandbox-emulator';

/** The emulators `npm start` runs; each plugin issue adds its own line. */
export const SANDBOX_EMULATORS: SandboxEmulator[] = [];
