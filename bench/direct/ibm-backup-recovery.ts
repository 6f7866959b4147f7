/**
 * The benchmark's direct client of the IBM Cloud Backup and Recovery emulator: the vendor's own
 * API, as an IBM client would call it, with no plugin code (global fetch only). Auth: the API key
 * is traded once at IAM (`POST /identity/token`, form `grant_type` + `apikey`) for a bearer token;
 * every data-protect call carries it and the tenant header `X-IBM-Tenant-Id`.
 */
import type { RunningEmulator } from '../../libs/emulator-kit/src';

/** IBM documents no maximum `numRuns` (100 when not given); the benchmark asks 500 runs a page. */
const RUNS_PAGE = 500;
/** The runs list covers only the last hour unless a start time is given. */
const EARLIEST_USECS = 1;

interface IbmTarget {
  endpoint: string;
  headers: Record<string, string>;
}

interface RunsPage {
  runs?: { localBackupInfo?: { startTimeUsecs?: number }; objects?: { localSnapshotInfo?: { snapshotInfo?: { snapshotId?: string } } }[] }[];
}

async function authenticate(emulator: RunningEmulator): Promise<IbmTarget> {
  const config = emulator.config as { tenantId: string; iamUrl?: string };
  const credentials = emulator.credentials as { apiKey: string };
  const iam = (config.iamUrl ?? 'https://iam.cloud.ibm.com').replace(/\/$/, '');
  const response = await fetch(`${iam}/identity/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: credentials.apiKey }),
  });
  if (response.status !== 200) throw new Error(`IAM answered ${response.status}: ${await response.text()}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  const tenant = config.tenantId.endsWith('/') ? config.tenantId : `${config.tenantId}/`;
  return {
    endpoint: emulator.endpoint.replace(/\/$/, ''),
    headers: { authorization: `Bearer ${token}`, 'x-ibm-tenant-id': tenant, accept: 'application/json' },
  };
}

async function get<T>(ibm: IbmTarget, path: string, query: Record<string, string>): Promise<T> {
  const url = `${ibm.endpoint}${path}?${new URLSearchParams(query)}`;
  const response = await fetch(url, { headers: ibm.headers });
  if (response.status !== 200) throw new Error(`IBM answered ${response.status} to ${url}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Walks every recovery point (object snapshot) as an IBM client lists them: the protection groups
 * (`GET /data-protect/protection-groups`, and `?isDeleted=true` for deleted groups that still hold
 * snapshots), then each group's runs newest first, 500 a page (`numRuns`), each page ending just
 * before the oldest run of the last (`endTimeUsecs`), counting the objects with a snapshot id;
 * returns how many it saw.
 */
export async function walkRecoveryPointsDirect(emulator: RunningEmulator): Promise<number> {
  const ibm = await authenticate(emulator);
  type Groups = { protectionGroups?: { id: string }[] };
  const [live, deleted] = await Promise.all([
    get<Groups>(ibm, '/data-protect/protection-groups', {}),
    get<Groups>(ibm, '/data-protect/protection-groups', { isDeleted: 'true' }),
  ]);
  let seen = 0;
  for (const group of [...(live.protectionGroups ?? []), ...(deleted.protectionGroups ?? [])]) {
    let endTimeUsecs: number | undefined;
    for (;;) {
      const query = {
        startTimeUsecs: String(EARLIEST_USECS),
        numRuns: String(RUNS_PAGE),
        includeObjectDetails: 'true',
        excludeNonRestorableRuns: 'true',
        ...(endTimeUsecs !== undefined && { endTimeUsecs: String(endTimeUsecs) }),
      };
      const { runs = [] } = await get<RunsPage>(ibm, `/data-protect/protection-groups/${group.id}/runs`, query);
      for (const run of runs) seen += (run.objects ?? []).filter((o) => o.localSnapshotInfo?.snapshotInfo?.snapshotId).length;
      const oldest = runs.at(-1)?.localBackupInfo?.startTimeUsecs;
      if (runs.length < RUNS_PAGE || oldest === undefined) break;
      endTimeUsecs = oldest - 1;
    }
  }
  return seen;
}

/** Base-36 digits (of any length) as decimal digits. */
function fromBase36(text: string): string {
  let value = 0n;
  for (const char of text) value = value * 36n + BigInt(parseInt(char, 36));
  return value.toString();
}

/**
 * The native read of one recovery point: the plugin's nativeId is the object id and its run's start
 * time in base 36 (`<object>.<start>`), and IBM reads a snapshot as
 * `GET /data-protect/objects/{id}/snapshots` narrowed to that run start.
 */
export async function directRecoveryPointGet(emulator: RunningEmulator, recoveryPointNativeId: string): Promise<{ url: string; headers: Record<string, string> }> {
  const match = /^([0-9a-z]+)\.([0-9a-z]+)(?:\.[aprs][0-9a-z]+)?$/.exec(recoveryPointNativeId);
  if (!match) throw new Error(`'${recoveryPointNativeId}' is not an IBM Backup and Recovery recovery point id.`);
  const [objectId, start] = [fromBase36(match[1]), fromBase36(match[2])];
  const ibm = await authenticate(emulator);
  const query = new URLSearchParams({ runStartFromTimeUsecs: start, runStartToTimeUsecs: start });
  return { url: `${ibm.endpoint}/data-protect/objects/${objectId}/snapshots?${query}`, headers: ibm.headers };
}
