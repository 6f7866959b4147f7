export type { EmulatorStartOptions, RunningEmulator, SandboxEmulator } from '@backbridge/emulator-kit';
