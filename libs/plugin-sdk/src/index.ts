export * from './capabilities';
export * from './connection-schema';
export * from './errors';
export * from './logger';
export * from './plugin';
export * from './session';
export * from './http/vendor-http-client';
export * from './vendor-values';
