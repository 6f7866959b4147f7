export const SECRET_BOX = Symbol('SECRET_BOX');
/** The database URL (embedded or PostgreSQL), for clients beside TypeORM: pg-boss, LISTEN. */
export const DATABASE_URL = Symbol('DATABASE_URL');
/** Keys derived at boot: the JWT signing secret and the page-token key. */
export const RUNTIME_KEYS = Symbol('RUNTIME_KEYS');

export interface RuntimeKeys {
  jwtSecret: string;
  pageTokenKey: Buffer;
}
