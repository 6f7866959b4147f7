import type { RunningEmulator } from '@backbridge/emulator-kit';
import { ibmBackupRecoveryEmulator } from '../emulator';

const GROUP_HOSTS = '5901263190628181:1725393921826:101';

/** The emulator spoken to as IBM's documentation says, without the plugin. */
describe('IBM Backup and Recovery emulator', () => {
  let emulator: RunningEmulator;
  let token: string;

  beforeAll(async () => {
    emulator = await ibmBackupRecoveryEmulator.start({ timeScale: 0.1 });
    const form = new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: String(emulator.credentials.apiKey), response_type: 'cloud_iam' });
    const answer = await fetch(`${emulator.config.iamUrl}/identity/token`, { method: 'POST', body: form });
    token = ((await answer.json()) as { access_token: string }).access_token;
  });
  afterAll(() => emulator.stop());

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const answer = await fetch(`${emulator.endpoint}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'x-ibm-tenant-id': String(emulator.config.tenantId), ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    const isJson = answer.headers.get('content-type')?.startsWith('application/json') ?? false;
    return { status: answer.status, text, body: isJson && text ? (JSON.parse(text) as any) : undefined };
  }

  it('issues a JWT with iat and exp for a known API key and refuses an unknown one with BXNIM0415E', async () => {
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect(claims.exp - claims.iat).toBe(3600);
    const refused = await fetch(`${emulator.config.iamUrl}/identity/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: 'nope' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.' });
  });

  it('refuses a missing token (401) and a missing tenant (403) with the service error body', async () => {
    expect(await call('GET', '/data-protect/policies', undefined, { authorization: '' })).toMatchObject({ status: 401, body: { errorCode: 'KStatusUnauthorized' } });
    expect(await call('GET', '/data-protect/policies', undefined, { 'x-ibm-tenant-id': '' })).toMatchObject({ status: 403, body: { errorCode: 'KAccessDenied' } });
  });

  it('accepts group ids with escaped colons too, and refuses ids off the documented pattern', async () => {
    expect((await call('GET', `/data-protect/protection-groups/${GROUP_HOSTS.replaceAll(':', '%3A')}`)).status).toBe(200);
    expect(await call('GET', '/data-protect/protection-groups/12')).toMatchObject({ status: 400, body: { errorCode: 'KValidationError' } });
    expect(await call('GET', '/data-protect/recoveries/1:2:3')).toMatchObject({ status: 404, body: { errorCode: 'KEntityNotExistsError' } });
  });

  it('moves a run through Accepted and Running to Succeeded, and refuses a second run meanwhile', async () => {
    expect(await call('POST', `/data-protect/protection-groups/${GROUP_HOSTS}/runs`, { runType: 'kRegular', objects: [{ id: 12 }] })).toEqual({
      status: 202,
      text: expect.any(String),
      body: { protectionGroupId: GROUP_HOSTS },
    });
    const second = await call('POST', `/data-protect/protection-groups/${GROUP_HOSTS}/runs`, { runType: 'kRegular' });
    expect(second).toMatchObject({ status: 400, body: { errorCode: 'KValidationError' } });
    const seen = new Set<string>();
    let run: any;
    for (let i = 0; i < 100 && run?.localBackupInfo?.status !== 'Succeeded'; i += 1) {
      const runs = await call('GET', `/data-protect/protection-groups/${GROUP_HOSTS}/runs?includeObjectDetails=true`);
      run = runs.body.runs[0];
      seen.add(run.localBackupInfo.status);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Running', 'Succeeded']));
    expect(run.objects[0].localSnapshotInfo.snapshotInfo.snapshotId).toHaveLength(216);
    const snapshots = await call('GET', `/data-protect/objects/12/snapshots?runInstanceIds=${run.protectionGroupInstanceId}`);
    expect(snapshots.body.snapshots).toHaveLength(1);
  });

  it('cancels a running run: Canceling, then Canceled', async () => {
    await call('POST', `/data-protect/protection-groups/${GROUP_HOSTS}/runs`, { runType: 'kFull' });
    const [run] = (await call('GET', `/data-protect/protection-groups/${GROUP_HOSTS}/runs`)).body.runs;
    const cancel = await call('POST', `/data-protect/protection-groups/${GROUP_HOSTS}/runs/actions`, { action: 'Cancel', cancelParams: [{ runId: run.id }] });
    expect(cancel).toMatchObject({ status: 202, body: { action: 'Cancel', cancelParams: [{ runId: run.id }] } });
    const statuses = new Set<string>();
    for (let i = 0; i < 100 && !statuses.has('Canceled'); i += 1) {
      statuses.add((await call('GET', `/data-protect/protection-groups/${GROUP_HOSTS}/runs?runId=${run.id}`)).body.runs[0].localBackupInfo.status);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(statuses).toEqual(new Set(['Canceling', 'Canceled']));
  });

  it('lists protected objects with their latest snapshots and restore points in a time range (201)', async () => {
    const protectedObjects = await call('GET', '/data-protect/search/protected-objects?environments=kSQL');
    expect(protectedObjects.body.objects.map((o: { name: string }) => o.name).sort()).toEqual(['inventory', 'sales']);
    expect(protectedObjects.body.objects[0].latestSnapshotsInfo[0].localSnapshotInfo.snapshotId).toHaveLength(216);
    const points = await call('POST', '/data-protect/snapshots/restore-points', { startTimeUsecs: 1, endTimeUsecs: Date.now() * 1000, environment: 'kPhysical', protectionGroupIds: [GROUP_HOSTS] });
    expect(points.status).toBe(201);
    expect(points.body.fullSnapshotInfo.length).toBeGreaterThan(30);
  });

  it('manages data-source connections and answers the registration token as a bare JSON string', async () => {
    const created = await call('POST', '/data-source-connections', { connectionName: 'spec-connection' });
    expect(created.status).toBe(201);
    expect((await call('POST', '/data-source-connections', { connectionName: 'spec-connection' })).status).toBe(409);
    const tokenAnswer = await call('POST', `/data-source-connections/${created.body.connectionId}/registrationToken`);
    expect(tokenAnswer.status).toBe(200);
    expect(typeof tokenAnswer.body).toBe('string');
    expect((await call('PATCH', `/data-source-connections/${created.body.connectionId}`, { connectionName: 'renamed' })).body.connectionName).toBe('renamed');
    expect((await call('DELETE', `/data-source-connections/${created.body.connectionId}`)).status).toBe(204);
    expect((await call('GET', '/data-source-connectors')).body.connectors).toHaveLength(1);
    expect((await call('GET', '/data-source-connectors/metadata')).status).toBe(200);
  });

  it('writes registration connectionIds beyond 2^53 as exact JSON numbers', async () => {
    const answer = await call('GET', '/data-protect/sources/registrations?ids=11');
    expect(answer.text).toContain('"connectionId":530243354208762051');
    const created = await call('POST', '/data-protect/sources/registrations', { environment: 'kPhysical', name: 'new-host', physicalParams: { endpoint: '10.0.0.9', hostType: 'kLinux', physicalType: 'kHost' } });
    expect(created.status).toBe(201);
    expect((await call('POST', `/data-protect/sources/${created.body.sourceId}/refresh`)).status).toBe(204);
    expect((await call('DELETE', `/data-protect/sources/registrations/${created.body.id}`)).status).toBe(204);
  });

  it('searches indexed files and downloads them from a snapshot and through a download recovery', async () => {
    const found = await call('POST', '/data-protect/search/indexed-objects', { objectType: 'Files', fileParams: { searchString: 'app*' } });
    expect(found.status).toBe(200);
    expect(found.body.files.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['app.conf', 'app.log']));
    const snapshotId = (await call('GET', '/data-protect/objects/11/snapshots')).body.snapshots[0].id;
    const file = await call('GET', `/data-protect/snapshots/${snapshotId}/download-file?filePath=/etc/hosts`);
    expect(file).toMatchObject({ status: 200, text: 'emulated content of /etc/hosts\n' });
    expect((await call('GET', `/data-protect/snapshots/${snapshotId}/download-file?filePath=/etc/hosts&length=9000000`)).status).toBe(400);
    const recovery = await call('POST', '/data-protect/recoveries/download-files-folders', { name: 'dl-1', object: { snapshotId }, filesAndFolders: [{ absolutePath: '/etc' }] });
    expect(recovery).toMatchObject({ status: 201, body: { recoveryAction: 'DownloadFilesAndFolders', status: 'Accepted' } });
    let status = recovery.body.status;
    for (let i = 0; i < 100 && status !== 'Succeeded'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = (await call('GET', `/data-protect/recoveries/${recovery.body.id}`)).body.status;
    }
    const archive = await call('GET', `/data-protect/recoveries/${recovery.body.id}/download-files?startOffset=0&length=2`);
    expect(archive).toMatchObject({ status: 200, text: 'PK' });
  });

  it('schedules agent upgrades (201) and serves installers', async () => {
    const task = await call('POST', '/data-protect/agents/upgrade-tasks', { agentIDs: [11, 12], name: 'upgrade' });
    expect(task).toMatchObject({ status: 201, body: { status: 'Scheduled', agentIDs: [11, 12] } });
    expect((await call('GET', `/data-protect/agents/upgrade-tasks?ids=${task.body.id}`)).body.tasks).toHaveLength(1);
    expect((await call('POST', '/data-protect/agents/download', { platform: 'kLinux', linuxParams: { packageType: 'kRPm' } })).status).toBe(400);
    const installer = await call('POST', '/data-protect/agents/download', { platform: 'kLinux', linuxParams: { packageType: 'kRPM' } });
    expect(installer.status).toBe(200);
    expect(installer.text).toMatch(/agent installer/);
  });
});

/** The emulator with `extraRecoveryPoints`, and what it keeps of deleted groups. */
describe('IBM Backup and Recovery emulator, bulk data and deleted groups', () => {
  const GROUP_DATABASES = '5901263190628181:1725393921826:102';
  const EXTRA = 3000;
  let regular: RunningEmulator;
  let bulk: RunningEmulator;

  beforeAll(async () => {
    [regular, bulk] = await Promise.all([ibmBackupRecoveryEmulator.start(), ibmBackupRecoveryEmulator.start({ extraRecoveryPoints: EXTRA })]);
  });
  afterAll(() => Promise.all([regular?.stop(), bulk?.stop()]));

  async function get(emulator: RunningEmulator, path: string, method = 'GET'): Promise<{ status: number; body: any }> {
    const form = new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: String(emulator.credentials.apiKey) });
    const { access_token: token } = (await (await fetch(`${emulator.config.iamUrl}/identity/token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const answer = await fetch(`${emulator.endpoint}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'x-ibm-tenant-id': String(emulator.config.tenantId) } });
    const text = await answer.text();
    return { status: answer.status, body: text ? JSON.parse(text) : undefined };
  }

  const snapshotIds = async (emulator: RunningEmulator, objectId: number): Promise<string[]> =>
    ((await get(emulator, `/data-protect/objects/${objectId}/snapshots`)).body.snapshots as { id: string; runStartTimeUsecs: number }[])
      .sort((a, b) => b.runStartTimeUsecs - a.runStartTimeUsecs)
      .map((s) => s.id);

  it('seeds exactly that many more snapshots, over every object, all older than the regular seed', async () => {
    const objects = [11, 12, 13, 14, 15, 21, 22, 23, 24];
    const [before, after] = await Promise.all([regular, bulk].map((e) => Promise.all(objects.map((o) => snapshotIds(e, o)))));
    const count = (lists: string[][]) => lists.reduce((n, ids) => n + ids.length, 0);
    expect(count(after) - count(before)).toBe(EXTRA);
    for (const [i, ids] of after.entries()) {
      expect(ids.length).toBeGreaterThan(before[i].length);
      // Newest first: the regular seed's snapshots, then the older extra ones.
      expect(ids.slice(0, before[i].length)).toEqual(before[i]);
    }
  });

  it('pages runs as documented: 100 by default, numRuns, totalRuns only with a time filter, newest first', async () => {
    const first = await get(bulk, `/data-protect/protection-groups/${GROUP_HOSTS}/runs?startTimeUsecs=1`);
    expect(first.body.runs).toHaveLength(100);
    expect(first.body.totalRuns).toBeGreaterThan(500);
    const starts = first.body.runs.map((r: any) => r.localBackupInfo.startTimeUsecs);
    expect(starts).toEqual([...starts].sort((a: number, b: number) => b - a));
    const next = await get(bulk, `/data-protect/protection-groups/${GROUP_HOSTS}/runs?startTimeUsecs=1&endTimeUsecs=${starts.at(-1) - 1}&numRuns=200`);
    expect(next.body.runs).toHaveLength(200);
    expect(next.body.runs[0].localBackupInfo.startTimeUsecs).toBeLessThan(starts.at(-1));
    expect(next.body.totalRuns).toBe(first.body.totalRuns - 100);
    const lastHour = await get(bulk, `/data-protect/protection-groups/${GROUP_HOSTS}/runs`);
    expect(lastHour.body).toEqual({ runs: [] });
  });

  it('starts some runs of the two groups in the same microsecond', async () => {
    const startsOf = async (group: string) =>
      new Set(((await get(bulk, `/data-protect/protection-groups/${group}/runs?startTimeUsecs=1&numRuns=5000`)).body.runs as any[]).map((r) => r.localBackupInfo.startTimeUsecs));
    const [hosts, databases] = await Promise.all([startsOf(GROUP_HOSTS), startsOf(GROUP_DATABASES)]);
    expect([...databases].filter((t) => hosts.has(t)).length).toBeGreaterThan(100);
  });

  it('keeps a group deleted without its snapshots: listed with isDeleted=true, its runs still readable', async () => {
    expect((await get(regular, `/data-protect/protection-groups/${GROUP_DATABASES}?deleteSnapshots=false`, 'DELETE')).status).toBe(204);
    expect((await get(regular, '/data-protect/protection-groups')).body.protectionGroups.map((g: { id: string }) => g.id)).toEqual([GROUP_HOSTS]);
    const deleted = (await get(regular, '/data-protect/protection-groups?isDeleted=true')).body.protectionGroups;
    expect(deleted).toEqual([expect.objectContaining({ id: GROUP_DATABASES, isDeleted: true, isActive: false })]);
    expect((await get(regular, `/data-protect/protection-groups/${GROUP_DATABASES}`)).status).toBe(404);
    expect((await get(regular, `/data-protect/protection-groups/${GROUP_DATABASES}/runs?startTimeUsecs=1`)).body.runs.length).toBeGreaterThan(0);

    // Deleted with its snapshots, a group leaves nothing behind.
    expect((await get(regular, `/data-protect/protection-groups/${GROUP_HOSTS}?deleteSnapshots=true`, 'DELETE')).status).toBe(204);
    expect((await get(regular, '/data-protect/protection-groups?isDeleted=true')).body.protectionGroups.map((g: { id: string }) => g.id)).toEqual([GROUP_DATABASES]);
    expect((await get(regular, `/data-protect/protection-groups/${GROUP_HOSTS}/runs?startTimeUsecs=1`)).status).toBe(404);
    expect(await snapshotIds(regular, 11)).toEqual([]);
  });
});
