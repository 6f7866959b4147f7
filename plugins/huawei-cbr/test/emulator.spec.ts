import type { RunningEmulator } from '@backbridge/emulator-kit';
import { huaweiCbrEmulator } from '../emulator';

/** The emulator over raw HTTP, as the vendor documentation describes it (no plugin code involved). */
describe('huaweiCbrEmulator', () => {
  let emulator: RunningEmulator;
  let token: string;
  let base: string;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = { 'x-auth-token': token }) => {
    const answer = await fetch(path.startsWith('http') ? path : base + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await answer.text();
    return { status: answer.status, headers: answer.headers, body: text ? JSON.parse(text) : undefined };
  };
  const until = async (read: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await read()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the emulated work did not progress');
  };

  const newToken = async () => {
    const creds = emulator.credentials as Record<string, string>;
    const issued = await call('POST', `${emulator.endpoint}/v3/auth/tokens`, { auth: { identity: { methods: ['password'], password: { user: { name: creds.userName, password: creds.password, domain: { name: creds.domainName } } } }, scope: { project: { name: creds.projectName } } } }, {});
    expect(issued.status).toBe(201);
    expect(Date.parse(issued.body.token.expires_at) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    return issued.headers.get('x-subject-token')!;
  };

  beforeAll(async () => {
    emulator = await huaweiCbrEmulator.start({ timeScale: 0.1 });
    base = `${emulator.endpoint}/v3/${emulator.config.projectId}`;
    token = await newToken();
  });
  afterAll(() => emulator.stop());

  it('is seeded with servers and disks, two policies, thirty-odd backups over weeks and a task history', async () => {
    const vaults = (await call('GET', '/vaults')).body;
    const resources = vaults.vaults.flatMap((v: { resources: { type: string }[] }) => v.resources);
    expect(resources.length).toBeGreaterThanOrEqual(6);
    expect(new Set(resources.map((r: { type: string }) => r.type))).toEqual(new Set(['OS::Nova::Server', 'OS::Cinder::Volume']));
    expect((await call('GET', '/policies')).body.count).toBe(2);
    const backups = (await call('GET', '/backups?sort=created_at:asc')).body;
    expect(backups.count).toBeGreaterThanOrEqual(30);
    expect(Date.now() - Date.parse(`${backups.backups[0].created_at}Z`)).toBeGreaterThan(14 * 86_400_000);
    expect(backups.backups[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    const tasks = (await call('GET', '/operation-logs?limit=1000')).body;
    expect(new Set(tasks.operation_logs.map((t: { status: string }) => t.status))).toEqual(new Set(['success', 'failed']));
  });

  it('refuses missing, unknown and expired tokens, and another project, with the API gateway body', async () => {
    expect((await call('GET', '/vaults', undefined, {})).body).toMatchObject({ error_code: 'APIGW.0301', error_msg: expect.stringContaining('x-auth-token not found') });
    expect((await call('GET', '/vaults', undefined, { 'x-auth-token': 'MIIforged' })).body.error_msg).toMatch(/decrypt token fail/);
    const wrongProject = await call('GET', `${emulator.endpoint}/v3/ffffffffffffffffffffffffffffffff/vaults`);
    expect(wrongProject).toMatchObject({ status: 401, body: { error_code: 'APIGW.0301' } });
    emulator.expireTokens();
    expect((await call('GET', '/vaults')).body.error_msg).toMatch(/token expires/);
    token = await newToken();
    expect((await call('GET', '/vaults')).status).toBe(200);
  });

  it('moves a restore point from protecting to available and logs a backup task waiting, running, then success', async () => {
    const vault = (await call('GET', '/vaults?object_type=disk')).body.vaults[0];
    const resource = vault.resources[0].id;
    const created = await call('POST', '/checkpoints', { checkpoint: { vault_id: vault.id, parameters: { resources: [resource], name: 'emulator_spec' } } });
    expect(created.status).toBe(200);
    expect(created.body.checkpoint).toMatchObject({ status: 'protecting', vault: { id: vault.id, skipped_resources: [] } });
    expect(created.body.checkpoint.vault.resources[0].resource_size).toEqual(expect.any(String));
    const again = await call('POST', '/checkpoints', { checkpoint: { vault_id: vault.id, parameters: { resources: [resource] } } });
    expect(again.body.checkpoint.vault.skipped_resources).toEqual([expect.objectContaining({ id: resource, reason: 'the resource is being backed up' })]);
    const id = created.body.checkpoint.id;
    const seen = new Set<string>();
    await until(async () => {
      const logs = (await call('GET', `/operation-logs?operation_type=backup&resource_id=${resource}&limit=1`)).body.operation_logs;
      seen.add(logs[0].status);
      return (await call('GET', `/checkpoints/${id}`)).body.checkpoint.status === 'available';
    });
    const [backup] = (await call('GET', `/backups?checkpoint_id=${id}`)).body.backups;
    expect(backup).toMatchObject({ status: 'available', resource_id: resource, name: 'emulator_spec' });
    const log = (await call('GET', `/operation-logs?operation_type=backup&resource_id=${resource}&limit=1`)).body.operation_logs[0];
    expect(log).toMatchObject({ status: 'success', checkpoint_id: id, extra_info: { backup: { backup_id: backup.id }, common: { progress: 100 } } });
    expect([...seen].every((s) => ['waiting', 'running', 'success'].includes(s))).toBe(true);
  });

  it('restores a server backup disk by disk (202, no body) and refuses another server', async () => {
    const [backup] = (await call('GET', '/backups?resource_type=OS::Nova::Server&status=available&limit=1')).body.backups;
    const mappings = backup.children.map((c: { id: string; resource_id: string }) => ({ backup_id: c.id, volume_id: c.resource_id }));
    const otherServer = await call('POST', `/backups/${backup.id}/restore`, { restore: { server_id: '94eba8b2-acc9-4d82-badc-127144cc5526', mappings } });
    expect(otherServer.body).toEqual({ error_code: 'BackupService.2003', error_msg: 'Restoration to a different server is not allowed.' });
    const accepted = await call('POST', `/backups/${backup.id}/restore`, { restore: { server_id: backup.resource_id, power_on: true, mappings } });
    expect(accepted).toMatchObject({ status: 202, body: undefined });
    expect((await call('GET', `/backups/${backup.id}`)).body.backup.status).toMatch(/restoring|waiting_restore/);
    await until(async () => (await call('GET', `/backups/${backup.id}`)).body.backup.status === 'available');
    const restore = (await call('GET', `/operation-logs?operation_type=restore&resource_id=${backup.resource_id}&limit=1`)).body.operation_logs[0];
    expect(restore).toMatchObject({ status: 'success', extra_info: { restore: { backup_id: backup.id, target_resource_id: backup.resource_id } } });
  });

  it('creates, changes, migrates into and deletes a vault; deleting it clears its backups', async () => {
    const bad = await call('POST', '/vaults', { vault: { name: 'tiny', billing: { consistent_level: 'crash_consistent', object_type: 'disk', protect_type: 'backup', size: 5 }, resources: [] } });
    expect(bad.body).toMatchObject({ error_code: 'BackupService.6101' });
    const created = await call('POST', '/vaults', { vault: { name: 'spare-disks', billing: { consistent_level: 'crash_consistent', object_type: 'disk', protect_type: 'backup', size: 40 }, resources: [] } });
    expect(created.status).toBe(200);
    const spare = created.body.vault;
    expect((await call('PUT', `/vaults/${spare.id}`, { vault: { name: 'spare-disks-2', billing: { size: 80 } } })).body.vault).toMatchObject({ name: 'spare-disks-2', billing: { size: 80 } });
    const disks = (await call('GET', '/vaults?object_type=disk&name=vault-data')).body.vaults[0];
    const moved = disks.resources.find((r: { name: string }) => r.name === 'evs-shared-01').id;
    const before = (await call('GET', `/backups?resource_id=${moved}`)).body.count;
    expect((await call('POST', `/vaults/${disks.id}/migrateresources`, { destination_vault_id: spare.id, resource_ids: [moved] })).body).toEqual({ migrated_resources: [moved] });
    expect((await call('GET', `/backups?vault_id=${spare.id}`)).body.count).toBe(before);
    expect((await call('POST', `/vaults/${disks.id}/addresources`, { resources: [{ id: moved, type: 'OS::Cinder::Volume' }] })).body.error_code).toBe('BackupService.7006');
    expect((await call('DELETE', `/vaults/${spare.id}`)).status).toBe(204);
    expect((await call('GET', `/vaults/${spare.id}`)).body.error_code).toBe('BackupService.6105');
    await until(async () => (await call('GET', `/backups?resource_id=${moved}`)).body.count === 0);
  });

  it('validates policies as documented: names, patterns, ranges and the time zone of long-term retention', async () => {
    const post = (policy: unknown) => call('POST', '/policies', { policy });
    const trigger = { properties: { pattern: ['FREQ=DAILY;INTERVAL=1;BYHOUR=6;BYMINUTE=00'] } };
    expect((await post({ name: 'ok_1', operation_definition: { retention_duration_days: 30 }, trigger })).body.policy).toMatchObject({ operation_type: 'backup', enabled: true, associated_vaults: null });
    for (const policy of [
      { name: 'no spaces', operation_definition: {}, trigger },
      { name: 'x', operation_definition: { week_backups: 2 }, trigger },
      { name: 'x', operation_definition: { max_backups: 100000 }, trigger },
      { name: 'x', operation_definition: { enable_acceleration: true }, trigger },
      { name: 'x', operation_definition: {}, trigger: { properties: { pattern: ['FREQ=DAILY;BYHOUR=1;BYMINUTE=0', 'FREQ=DAILY;BYHOUR=1;BYMINUTE=30'] } } },
      { name: 'x', operation_definition: {}, trigger: { properties: { pattern: ['FREQ=HOURLY;BYHOUR=1;BYMINUTE=0'] } } },
    ]) {
      const answer = await post(policy);
      expect([answer.status, answer.body.error_code]).toEqual([400, 'BackupService.9900']);
    }
    expect((await call('POST', '/policies', '{"policy":')).body.error_code).toBe('BackupService.9900');
  });

  it('answers unknown paths with the API gateway 404 and bad paging with 9900', async () => {
    expect((await call('POST', '/vaults/x/addressesources', {})).status).toBe(404);
    expect((await call('GET', '/vaults?limit=1001')).body.error_code).toBe('BackupService.9900');
  });

  it('serves the project list for the token', async () => {
    const answer = await fetch(`${emulator.endpoint}/v3/projects?name=ap-southeast-1`, { headers: { 'x-auth-token': token } });
    expect(((await answer.json()) as { projects: unknown[] }).projects).toEqual([expect.objectContaining({ id: emulator.config.projectId, name: 'ap-southeast-1' })]);
  });
});
