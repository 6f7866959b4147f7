/**
 * The benchmark's direct client of the Huawei CBR emulator: the vendor's own API, as a CBR client
 * would call it, with no plugin code (global fetch only). Token authentication: one IAM token
 * (`POST /v3/auth/tokens`, the token in the `X-Subject-Token` header), then `X-Auth-Token` on every
 * CBR call.
 */
import type { RunningEmulator } from '../../libs/emulator-kit/src';

/** CBR's largest page is 1000; the benchmark walks with 500 at most. */
const PAGE = 500;

interface CbrTarget {
  endpoint: string;
  projectId: string;
  headers: Record<string, string>;
}

async function authenticate(emulator: RunningEmulator): Promise<CbrTarget> {
  const config = emulator.config as { projectId: string; iamEndpoint?: string };
  const credentials = emulator.credentials as { userName: string; password: string; domainName: string; projectName?: string };
  const iam = (config.iamEndpoint ?? emulator.endpoint).replace(/\/$/, '');
  const scope = credentials.projectName ? { project: { name: credentials.projectName } } : { project: { id: config.projectId } };
  const response = await fetch(`${iam}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: credentials.userName, password: credentials.password, domain: { name: credentials.domainName } } } },
        scope,
      },
    }),
  });
  const token = response.headers.get('x-subject-token');
  if (response.status !== 201 || !token) throw new Error(`IAM answered ${response.status} without a token.`);
  await response.arrayBuffer();
  return {
    endpoint: emulator.endpoint.replace(/\/$/, ''),
    projectId: config.projectId,
    headers: { 'x-auth-token': token },
  };
}

/**
 * Walks every recovery point (top-level backup) through `GET /v3/{project_id}/backups`, newest
 * first (`sort=created_at:desc,id:asc`), 500 a page, each page after the last one's id (`marker`),
 * until a short page; returns how many it saw.
 */
export async function walkRecoveryPointsDirect(emulator: RunningEmulator): Promise<number> {
  const cbr = await authenticate(emulator);
  let seen = 0;
  let marker: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE), sort: 'created_at:desc,id:asc', ...(marker && { marker }) });
    const response = await fetch(`${cbr.endpoint}/v3/${cbr.projectId}/backups?${query}`, { headers: cbr.headers });
    if (response.status !== 200) throw new Error(`CBR answered ${response.status} to ${query}: ${await response.text()}`);
    const { backups } = (await response.json()) as { backups: { id: string; parent_id?: string | null }[] };
    seen += backups.filter((b) => !b.parent_id).length;
    if (backups.length < PAGE) return seen;
    marker = backups[backups.length - 1].id;
  }
}

/** `GET /v3/{project_id}/backups/{backup_id}` with a token issued once beforehand. */
export async function directRecoveryPointGet(emulator: RunningEmulator, recoveryPointNativeId: string): Promise<{ url: string; headers: Record<string, string> }> {
  const cbr = await authenticate(emulator);
  return { url: `${cbr.endpoint}/v3/${cbr.projectId}/backups/${encodeURIComponent(recoveryPointNativeId)}`, headers: cbr.headers };
}
