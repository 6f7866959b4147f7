/**
 * The benchmark's direct client of the N2WS CPM emulator: the vendor's own REST API 1.4.0, as a CPM
 * client would call it, with no plugin code (global fetch only). Auth: the API key is exchanged once
 * at `POST /api/token/obtain/api_key/` for an access token, sent as `Authorization: Bearer`; every
 * call carries `Accept: application/json; version=1.4.0`.
 *
 * CPM has no list of recovery points: a recovery point is a snapshot record of one resource inside a
 * backup record (one run of a policy), listed per family under the record. A client walks the backup
 * records (`GET /api/backups/`) and, for each, the seven family lists.
 */
import type { RunningEmulator } from '../../libs/emulator-kit/src';

/** CPM documents no maximum page_size; the benchmark walks with 500. */
const PAGE = 500;
/** Backup records whose snapshot lists are read at the same time (7 requests each). */
const PARALLEL_BACKUPS = 8;
const FAMILIES = ['instances', 'volumes', 'rds_databases', 'rds_clusters', 'dynamodb_tables', 'redshift_clusters', 'efs'];
const ACCEPT = 'application/json; version=1.4.0';

interface CpmTarget {
  api: string;
  headers: Record<string, string>;
}

interface CpmPage<T> {
  next: string | null;
  results: T[];
}

async function authenticate(emulator: RunningEmulator): Promise<CpmTarget> {
  const api = `${emulator.endpoint.replace(/\/$/, '')}/api`;
  const response = await fetch(`${api}/token/obtain/api_key/`, {
    method: 'POST',
    headers: { accept: ACCEPT, 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: (emulator.credentials as { apiKey: string }).apiKey }),
  });
  if (response.status !== 200) throw new Error(`CPM answered ${response.status} to the API key: ${await response.text()}`);
  const { access } = (await response.json()) as { access: string };
  return { api, headers: { accept: ACCEPT, authorization: `Bearer ${access}` } };
}

/** Every page of a list, following `next` (absolute links, §1.7); `each` sees each page's items. */
async function walk<T>(cpm: CpmTarget, path: string, each: (items: T[]) => void | Promise<void>): Promise<void> {
  let url: string | null = `${cpm.api}${path}?page=1&page_size=${PAGE}`;
  while (url) {
    const response: Response = await fetch(url, { headers: cpm.headers });
    if (response.status !== 200) throw new Error(`CPM answered ${response.status} to ${url}: ${await response.text()}`);
    const page = (await response.json()) as CpmPage<T>;
    await each(page.results);
    url = page.next;
  }
}

/**
 * Walks every recovery point: the backup records 500 a page, newest first (`ordering=-start_time`),
 * and for each record the snapshot records of the seven families, 500 a page (several records at a
 * time); returns how many snapshot records it saw.
 */
export async function walkRecoveryPointsDirect(emulator: RunningEmulator): Promise<number> {
  const cpm = await authenticate(emulator);
  let seen = 0;
  const countRecordsOf = async (backupId: number) => {
    await Promise.all(FAMILIES.map((family) => walk<unknown>(cpm, `/backups/${backupId}/snapshots/${family}/`, (records) => void (seen += records.length))));
  };
  let url: string | null = `${cpm.api}/backups/?ordering=-start_time&page=1&page_size=${PAGE}`;
  while (url) {
    const response: Response = await fetch(url, { headers: cpm.headers });
    if (response.status !== 200) throw new Error(`CPM answered ${response.status} to ${url}: ${await response.text()}`);
    const page = (await response.json()) as CpmPage<{ id: number }>;
    const ids = page.results.map((backup) => backup.id);
    for (let i = 0; i < ids.length; i += PARALLEL_BACKUPS) await Promise.all(ids.slice(i, i + PARALLEL_BACKUPS).map(countRecordsOf));
    url = page.next;
  }
  return seen;
}

/** `GET /api/backups/{backup_id}/snapshots/{family}/{id}/` (the plugin's nativeId is `<backup_id>/<family>/<id>`), with a token obtained once beforehand. */
export async function directRecoveryPointGet(emulator: RunningEmulator, recoveryPointNativeId: string): Promise<{ url: string; headers: Record<string, string> }> {
  const [backupId, family, recordId] = recoveryPointNativeId.split('/');
  if (!backupId || !family || !recordId) throw new Error(`'${recoveryPointNativeId}' is not a CPM recovery point id (<backup id>/<family>/<snapshot record id>).`);
  const cpm = await authenticate(emulator);
  const path = `/backups/${encodeURIComponent(backupId)}/snapshots/${encodeURIComponent(family)}/${encodeURIComponent(recordId)}/`;
  return { url: `${cpm.api}${path}`, headers: cpm.headers };
}
