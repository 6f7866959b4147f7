import type { RunningEmulator } from '@backbridge/emulator-kit';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';

/** The emulator as a plain HTTP client sees it: the vendor's paths, codes and states. */
describe('portworxPdsEmulator', () => {
  let emulator: RunningEmulator;
  let token: string;
  const config = () => emulator.config as { tenantId: string; projectId: string; defaultBackupTargetId: string };

  const call = async (method: string, path: string, body?: unknown, auth: string | null = `Bearer ${token}`) => {
    const response = await fetch(emulator.endpoint + path, {
      method,
      headers: { ...(auth && { authorization: auth }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const poll = async (path: string, done: (body: any) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const answer = await call('GET', path);
      if (done(answer.body)) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${path} never got there`);
  };

  beforeAll(async () => {
    emulator = await portworxPdsEmulator.start({ timeScale: 0.02 });
    const issued = await call('POST', '/service-identity/generate-token', { client_id: emulator.credentials.clientId, client_token: emulator.credentials.clientToken }, null);
    expect(issued).toEqual({ status: 200, body: { token: expect.any(String), valid_for: '24h0m0s' } });
    token = issued.body.token;
  });
  afterAll(() => emulator.stop());

  it('refuses /api calls without a valid Bearer token (401) and bad token-exchange bodies (400)', async () => {
    expect((await call('GET', '/api/whoami', undefined, null)).status).toBe(401);
    expect((await call('GET', '/api/whoami', undefined, 'Bearer nope')).status).toBe(401);
    expect(await call('POST', '/service-identity/generate-token', '{not json', null)).toEqual({ status: 400, body: { message: 'Invalid request body.' } });
  });

  it('answers 400 for a path id that is not a UUID and 404 for an unknown one', async () => {
    expect(await call('GET', '/api/deployments/abc')).toEqual({ status: 400, body: { message: "The request path param isn't a valid uuid." } });
    expect((await call('GET', '/api/deployments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is seeded with at least six deployments of two kinds, two policies and thirty backup jobs over weeks', async () => {
    const deployments = (await call('GET', `/api/projects/${config().projectId}/deployments?limit=100`)).body.data;
    expect(deployments.length).toBeGreaterThanOrEqual(6);
    expect(new Set(deployments.map((d: any) => d.data_service_id)).size).toBeGreaterThanOrEqual(2);
    expect((await call('GET', `/api/tenants/${config().tenantId}/backup-policies`)).body.data).toHaveLength(2);
    const jobs = (await call('GET', `/api/projects/${config().projectId}/backup-jobs?limit=1000&sort_by=created_at`)).body.data;
    expect(jobs.length).toBeGreaterThanOrEqual(30);
    expect(Date.parse(jobs.at(-1).created_at) - Date.parse(jobs[0].created_at)).toBeGreaterThan(14 * 86_400_000);
  });

  it('moves an adhoc backup from pending to a Succeeded job, and a restore through its steps into a new deployment', async () => {
    const [deployment] = (await call('GET', `/api/projects/${config().projectId}/deployments?name=pg-billing`)).body.data;
    const created = await call('POST', `/api/deployments/${deployment.id}/backups`, { backup_type: 'adhoc', backup_level: 'snapshot', backup_target_id: config().defaultBackupTargetId, job_history_limit: 1 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'pending', backup_type: 'adhoc', deployment_name: 'pg-billing' });
    const jobsOf = `/api/projects/${config().projectId}/backup-jobs?backup_id=${created.body.id}`;
    const [job] = (await poll(jobsOf, (b) => b.data[0]?.completion_status === 'Succeeded')).data;
    expect(job).toMatchObject({ deployment_id: deployment.id, file_size: expect.any(Number), cloud_snap_id: expect.stringMatching(/\S/) });
    expect((await call('GET', `/api/backups/${created.body.id}`)).body.state).toBe('created');

    const started = await call('POST', `/api/backup-jobs/${job.id}/restore`, { name: 'pg-billing-copy', deployment_target_id: job.deployment_target_id, namespace_id: job.namespace_id });
    expect(started.status).toBe(200);
    const seen = new Set<string>();
    const restore = await poll(`/api/restores/${started.body.id}`, (b) => (seen.add(b.status), b.status === 'Successful'));
    expect([...seen].some((s) => s.startsWith('Restoring') || s === 'Pending')).toBe(true);
    const copy = (await call('GET', `/api/deployments/${restore.deployment_id}`)).body;
    expect(copy).toMatchObject({ name: 'pg-billing-copy', restore_id: restore.id, state: 'created' });
  });

  it('refuses invalid bodies with 400 and a taken policy name with 409', async () => {
    const policies = `/api/tenants/${config().tenantId}/backup-policies`;
    expect((await call('POST', policies, { name: 'x', schedules: [] })).status).toBe(400);
    expect((await call('POST', policies, { name: 'x', schedules: [{ schedule: '0 1 * * *', type: 'full', retention_count: 0 }] })).status).toBe(400);
    const [existing] = (await call('GET', policies)).body.data;
    expect((await call('POST', policies, { name: existing.name, schedules: [{ schedule: '0 1 * * *', type: 'full', retention_count: 1 }] })).status).toBe(409);
  });

  it('pages with limit (a string, default 50) and continuation, and refuses bad ones with 400', async () => {
    const jobs = `/api/projects/${config().projectId}/backup-jobs`;
    expect((await call('GET', jobs)).body.data).toHaveLength(50);
    const first = await call('GET', `${jobs}?limit=20&sort_by=id`);
    const second = await call('GET', `${jobs}?limit=20&sort_by=id&continuation=${first.body.pagination.continuation}`);
    const both = (await call('GET', `${jobs}?limit=40&sort_by=id`)).body.data;
    expect([...first.body.data, ...second.body.data].map((j: any) => j.id)).toEqual(both.map((j: any) => j.id));
    expect((await call('GET', `${jobs}?limit=5000`)).body.pagination).toBeNull();
    expect((await call('GET', `${jobs}?limit=0`)).status).toBe(400);
    expect((await call('GET', `${jobs}?continuation=not-a-token`)).status).toBe(400);
  });
});

describe('portworxPdsEmulator with extraRecoveryPoints', () => {
  const EXTRA = 120;
  let emulator: RunningEmulator;
  let headers: Record<string, string>;
  const get = async (path: string) => (await (await fetch(emulator.endpoint + path, { headers })).json()) as any;

  beforeAll(async () => {
    emulator = await portworxPdsEmulator.start({ extraRecoveryPoints: EXTRA });
    const issued = await fetch(`${emulator.endpoint}/service-identity/generate-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: emulator.credentials.clientId, client_token: emulator.credentials.clientToken }),
    });
    headers = { authorization: `Bearer ${((await issued.json()) as { token: string }).token}` };
  });
  afterAll(() => emulator.stop());

  it('holds them older than the regular seed, in suspended scheduled Backups whose history limit keeps them all', async () => {
    const { projectId, tenantId } = emulator.config as { projectId: string; tenantId: string };
    const jobs = (await get(`/api/projects/${projectId}/backup-jobs?limit=1000&sort_by=created_at`)).data;
    const [target] = (await get(`/api/tenants/${tenantId}/backup-targets?sort_by=created_at`)).data;
    const suspended = (await get(`/api/backup-targets/${target.id}/backups?suspend=true&limit=1000`)).data;
    expect(suspended.length).toBeGreaterThanOrEqual(5);
    const extra = jobs.filter((j: any) => suspended.some((b: any) => b.id === j.backup_id));
    expect(extra).toHaveLength(EXTRA);
    expect(jobs.slice(0, EXTRA)).toEqual(extra);
    for (const backup of suspended) expect(extra.filter((j: any) => j.backup_id === backup.id).length).toBeLessThanOrEqual(backup.job_history_limit);
  });

  it('gives equal created_at in stored order, reversed with -created_at, not by id', async () => {
    const { projectId } = emulator.config as { projectId: string };
    const up = (await get(`/api/projects/${projectId}/backup-jobs?limit=1000&sort_by=created_at`)).data.map((j: any) => `${j.created_at} ${j.id}`);
    const down = (await get(`/api/projects/${projectId}/backup-jobs?limit=1000&sort_by=-created_at`)).data.map((j: any) => `${j.created_at} ${j.id}`);
    expect(down).toEqual([...up].reverse());
    const tiesOutOfIdOrder = up.slice(1).filter((row: string, i: number) => row.split(' ')[0] === up[i].split(' ')[0] && row < up[i]);
    expect(tiesOutOfIdOrder.length).toBeGreaterThan(0);
  });
});
