export * from './emulator-server';
export * from './faults';
export * from './token-store';
export * from './vendor-clock';
export * from './sandbox-emulator';
