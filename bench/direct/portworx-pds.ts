/**
 * The benchmark's direct client of the Portworx Data Services emulator: the vendor's own API
 * (version 121), as a PDS client would call it, with no plugin code (global fetch only). Auth: a
 * user API key is sent as `Authorization: Bearer` as it is; a service identity is exchanged once at
 * `POST /service-identity/generate-token` for a token.
 */
import type { RunningEmulator } from '../../libs/emulator-kit/src';

/** PDS documents no maximum `limit` (its own clients ask 1000); the benchmark walks with 500. */
const PAGE = '500';

interface PdsTarget {
  endpoint: string;
  projectId: string;
  headers: Record<string, string>;
}

async function authenticate(emulator: RunningEmulator): Promise<PdsTarget> {
  const endpoint = emulator.endpoint.replace(/\/$/, '');
  const config = emulator.config as { projectId: string };
  const credentials = emulator.credentials as { type: 'apiKey'; apiKey: string } | { type: 'serviceIdentity'; clientId: string; clientToken: string };
  let token: string;
  if (credentials.type === 'apiKey') {
    token = credentials.apiKey;
  } else {
    const response = await fetch(`${endpoint}/service-identity/generate-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: credentials.clientId, client_token: credentials.clientToken }),
    });
    const body = (await response.json()) as { token?: string };
    if (response.status !== 200 || !body.token) throw new Error(`generate-token answered ${response.status} without a token.`);
    token = body.token;
  }
  return { endpoint, projectId: config.projectId, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } };
}

/**
 * Walks every recovery point (backup job) through `GET /api/projects/{id}/backup-jobs`, newest first
 * (`sort_by=-created_at`), 500 a page, following `pagination.continuation` until it is null;
 * returns how many it saw.
 */
export async function walkRecoveryPointsDirect(emulator: RunningEmulator): Promise<number> {
  const pds = await authenticate(emulator);
  let seen = 0;
  let continuation: string | undefined;
  do {
    const query = new URLSearchParams({ sort_by: '-created_at', limit: PAGE, ...(continuation && { continuation }) });
    const response = await fetch(`${pds.endpoint}/api/projects/${pds.projectId}/backup-jobs?${query}`, { headers: pds.headers });
    if (response.status !== 200) throw new Error(`backup-jobs answered ${response.status}.`);
    const body = (await response.json()) as { data?: unknown[]; pagination?: { continuation?: string } | null };
    seen += body.data?.length ?? 0;
    continuation = body.pagination?.continuation || undefined;
  } while (continuation);
  return seen;
}

/** `GET /api/backup-jobs/{id}`, the native GET of one recovery point, ready for autocannon. */
export async function directRecoveryPointGet(emulator: RunningEmulator, recoveryPointNativeId: string): Promise<{ url: string; headers: Record<string, string> }> {
  const pds = await authenticate(emulator);
  return { url: `${pds.endpoint}/api/backup-jobs/${encodeURIComponent(recoveryPointNativeId)}`, headers: pds.headers };
}
