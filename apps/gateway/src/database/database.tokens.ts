export const SECRET_BOX = Symbol('SECRET_BOX');
/** Keys derived at boot: the JWT signing secret and the page-token key. */
export const RUNTIME_KEYS = Symbol('RUNTIME_KEYS');

export interface RuntimeKeys {
  jwtSecret: string;
  pageTokenKey: Buffer;
}
