import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * The credentials key for embedded mode when SECRETS_KEY is unset: generated once into DATA_DIR
 * (mode 0600) so that a restart can still open what was sealed. With DATABASE_URL the key must
 * come from configuration, so that every instance shares it (checked in app-config.ts).
 */
export function loadOrCreateSecretsKey(dataDir: string, warn: (message: string) => void): Buffer {
  const file = join(dataDir, 'secrets.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== 32) {
      throw new Error(`${file} does not hold a 32-byte hex key; restore it or set SECRETS_KEY`);
    }
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  warn(`SECRETS_KEY is not set: generated a credentials key into ${file}. Back it up, or set SECRETS_KEY; without it stored credentials cannot be read.`);
  return key;
}

/** The JWT secret when JWT_SECRET is unset: generated once and kept in the database. */
export async function loadOrCreateJwtSecret(dataSource: DataSource): Promise<string> {
  await dataSource.query(`INSERT INTO settings (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`, [
    randomBytes(48).toString('base64url'),
  ]);
  const rows: { value: string }[] = await dataSource.query(`SELECT value FROM settings WHERE key = 'jwt_secret'`);
  return rows[0].value;
}
