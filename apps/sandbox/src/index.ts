export * from './sandbox';
export * from './sandbox-emulator';
export { SANDBOX_EMULATORS } from './sandbox-emulators';
