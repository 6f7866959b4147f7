import { EmulatorReply, InvalidJson, type EmulatorRequest, type EmulatorResponse, type EmulatorServer } from '@backbridge/emulator-kit';
import { INVALID_UUID, pdsError } from './errors';
import { isUuid } from './ids';
import { ListViews, pageOf, paginate } from './listing';
import type { BackupJob, BackupSchedule, Deployment } from './models';
import type { PdsStore } from './store';

const ok = (body: unknown, status = 200): EmulatorResponse => ({ status, body });
const noContent: EmulatorResponse = { status: 204 };

/** Every path parameter "must be valid UUID"; anything else is 400 before lookup. */
function idOf(request: EmulatorRequest, name = 'id'): string {
  const id = request.params[name];
  if (!isUuid(id)) throw new EmulatorReply(pdsError(400, INVALID_UUID));
  return id;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new EmulatorReply(pdsError(404, `${what} not found`));
  return value;
}

function jsonObject(request: EmulatorRequest): Record<string, unknown> {
  const body = request.body;
  if (body === InvalidJson || typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new EmulatorReply(pdsError(400, 'Invalid request body.'));
  }
  return body as Record<string, unknown>;
}

function invalid(message: string): never {
  throw new EmulatorReply(pdsError(400, message));
}

/** The routes of the PDS API (v121) that a backup gateway uses, with the vendor's paths and codes. */
export function registerRoutes(server: EmulatorServer, store: PdsStore): void {
  // Asynchronous work advances on every request, from the clock (no timers).
  server.use(() => void store.advance());

  // ------------------------------------------------------------------------- identity and scoping
  server.route('GET', '/api/whoami', (request) => {
    const actor = request.locals.actor as { serviceIdentity?: string };
    const created = store.account.created_at;
    return ok(
      actor.serviceIdentity
        ? { service_identity: { id: store.project.id, name: actor.serviceIdentity, account_id: store.account.id, created_at: created, updated_at: created } }
        : { user: { id: store.tenant.id, email: 'backup-admin@example.com', created_at: created, updated_at: created } },
    );
  });
  server.route('GET', '/api/metadata', () => ok({ features: {}, helm_chart_version: '1.21.0', pds_build_number: 121 }));
  server.route('GET', '/api/accounts', (r) => ok(paginate([store.account], r, { sortBy: ['id', 'name', 'created_at'], filters: ['id', 'name'] })));
  server.route('GET', '/api/accounts/:id', (r) => ok(found(idOf(r) === store.account.id ? store.account : undefined, 'Account')));
  server.route('GET', '/api/accounts/:id/tenants', (r) => {
    found(idOf(r) === store.account.id ? store.account : undefined, 'Account');
    return ok(paginate([store.tenant], r, { sortBy: ['id', 'name', 'created_at'], filters: ['id', 'name'] }));
  });
  server.route('GET', '/api/tenants/:id', (r) => ok(found(idOf(r) === store.tenant.id ? store.tenant : undefined, 'Tenant')));
  const tenantOf = (r: EmulatorRequest) => found(idOf(r) === store.tenant.id ? store.tenant : undefined, 'Tenant');
  const projectOf = (r: EmulatorRequest) => found(idOf(r) === store.project.id ? store.project : undefined, 'Project');
  server.route('GET', '/api/tenants/:id/projects', (r) => {
    tenantOf(r);
    return ok(paginate([store.project], r, { sortBy: ['id', 'name', 'created_at'], filters: ['id', 'name'] }));
  });
  server.route('GET', '/api/projects/:id', (r) => ok(projectOf(r)));

  // ------------------------------------------------------------------ clusters and data services
  server.route('GET', '/api/tenants/:id/deployment-targets', (r) => {
    tenantOf(r);
    return ok(paginate([...store.deploymentTargets.values()], r, { sortBy: ['id', 'name', 'created_at'], filters: ['id', 'cluster_id', 'name'] }));
  });
  server.route('GET', '/api/deployment-targets/:id', (r) => ok(found(store.deploymentTargets.get(idOf(r)), 'DeploymentTarget')));
  server.route('GET', '/api/deployment-targets/:id/namespaces', (r) => {
    const target = found(store.deploymentTargets.get(idOf(r)), 'DeploymentTarget');
    const own = [...store.namespaces.values()].filter((n) => n.deployment_target_id === target.id);
    return ok(paginate(own, r, { sortBy: ['id', 'name', 'created_at'], filters: ['id', 'name', 'status'] }));
  });
  server.route('GET', '/api/namespaces/:id', (r) => ok(found(store.namespaces.get(idOf(r)), 'Namespace')));
  server.route('GET', '/api/data-services', (r) =>
    ok(paginate([...store.dataServices.values()], r, { sortBy: ['id', 'name', 'short_name', 'created_at'], filters: ['id', 'name', 'short_name'] })),
  );
  server.route('GET', '/api/data-services/:id', (r) => ok(found(store.dataServices.get(idOf(r)), 'DataService')));

  // --------------------------------------------------------------------------------- deployments
  server.route('GET', '/api/projects/:id/deployments', (r) => {
    const project = projectOf(r);
    const own = [...store.deployments.values()].filter((d) => d.project_id === project.id);
    return ok(
      paginate(own, r, {
        sortBy: ['id', 'name', 'cluster_resource_name', 'created_at'],
        filters: ['id', 'cluster_resource_name', 'data_service_id', 'deployment_target_id', 'image_id', 'name', 'namespace_id', 'state'],
      }),
    );
  });
  const deploymentOf = (r: EmulatorRequest) => found(store.deployments.get(idOf(r)), 'Deployment');
  server.route('GET', '/api/deployments/:id', (r) => ok(deploymentOf(r)));
  server.route('PUT', '/api/deployments/:id', (r) => {
    const deployment = deploymentOf(r);
    const body = jsonObject(r);
    if ('node_count' in body && (!Number.isInteger(body.node_count) || (body.node_count as number) < 1)) invalid('node_count must be a positive integer');
    if ('scheduled_backup' in body) applyScheduledBackup(store, deployment, body.scheduled_backup);
    if (typeof body.node_count === 'number') deployment.node_count = body.node_count;
    deployment.updated_at = store.now();
    return ok(deployment, 201);
  });

  // ------------------------------------------------------------------------------ backup targets
  const targetSpec = { sortBy: ['id', 'name', 'type', 'created_at'], filters: ['id', 'name', 'type', 'bucket', 'region', 'backup_credentials_id'] };
  server.route('GET', '/api/tenants/:id/backup-targets', (r) => {
    tenantOf(r);
    return ok(paginate([...store.backupTargets.values()], r, targetSpec));
  });
  server.route('GET', '/api/projects/:id/backup-targets', (r) => {
    projectOf(r);
    return ok(paginate([...store.backupTargets.values()], r, targetSpec));
  });
  server.route('GET', '/api/backup-targets/:id', (r) => ok(found(store.backupTargets.get(idOf(r)), 'BackupTarget')));
  const backupSpec = {
    sortBy: ['id', 'cluster_resource_name', 'created_at', 'backup_type', 'backup_level'],
    filters: ['id', 'cluster_resource_name', 'state', 'suspend', 'backup_type', 'backup_level'],
  };
  server.route('GET', '/api/backup-targets/:id/backups', (r) => {
    const target = found(store.backupTargets.get(idOf(r)), 'BackupTarget');
    return ok(paginate([...store.backups.values()].filter((b) => b.backup_target_id === target.id), r, backupSpec));
  });

  // ------------------------------------------------------------------------------ backup policies
  server.route('GET', '/api/tenants/:id/backup-policies', (r) => {
    tenantOf(r);
    return ok(paginate([...store.policies.values()], r, { sortBy: ['id', 'name', 'created_at'], filters: ['id', 'name'] }));
  });
  server.route('POST', '/api/tenants/:id/backup-policies', (r) => {
    const tenant = tenantOf(r);
    const { name, schedules } = policyBody(r, store);
    if ([...store.policies.values()].some((p) => p.name === name)) return pdsError(409, 'BackupPolicy with the given name already exists');
    const now = store.now();
    const policy = { id: store.newId(), name, schedules, tenant_id: tenant.id, account_id: store.account.id, created_at: now, updated_at: now };
    store.policies.set(policy.id, policy);
    return ok(policy, 201);
  });
  const policyOf = (r: EmulatorRequest) => found(store.policies.get(idOf(r)), 'BackupPolicy');
  server.route('GET', '/api/backup-policies/:id', (r) => ok(policyOf(r)));
  server.route('PUT', '/api/backup-policies/:id', (r) => {
    const policy = policyOf(r);
    const { name, schedules } = policyBody(r, store);
    if ([...store.policies.values()].some((p) => p.name === name && p.id !== policy.id)) return pdsError(409, 'BackupPolicy with the given name already exists');
    Object.assign(policy, { name, schedules, updated_at: store.now() });
    store.refreshPolicy(policy.id);
    return ok(policy);
  });
  server.route('DELETE', '/api/backup-policies/:id', (r) => {
    const policy = policyOf(r);
    store.policies.delete(policy.id);
    store.refreshPolicy(policy.id);
    return noContent;
  });

  // --------------------------------------------------------------------------------------- backups
  server.route('GET', '/api/deployments/:id/backups', (r) => {
    const deployment = deploymentOf(r);
    return ok(paginate([...store.backups.values()].filter((b) => b.deployment_id === deployment.id), r, backupSpec));
  });
  server.route('POST', '/api/deployments/:id/backups', (r) => {
    const deployment = deploymentOf(r);
    const body = jsonObject(r);
    const backupType = body.backup_type;
    const backupLevel = body.backup_level ?? 'snapshot';
    if (backupType !== 'adhoc' && backupType !== 'scheduled') invalid('backup_type must be one of: adhoc, scheduled');
    if (backupLevel !== 'snapshot' && backupLevel !== 'incremental') invalid('backup_level must be one of: snapshot, incremental');
    const limit = body.job_history_limit ?? 1;
    if (!Number.isInteger(limit) || (limit as number) < 1) invalid('job_history_limit must be 1 or greater');
    if (typeof body.backup_target_id !== 'string' || !store.backupTargets.has(body.backup_target_id)) invalid('backup_target_id must name an existing BackupTarget');
    if (backupType === 'scheduled' && (typeof body.schedule !== 'string' || body.schedule.trim() === '')) invalid('schedule is required for scheduled backups');
    if (deployment.state !== 'created') return pdsError(409, 'Deployment is not in state created');
    const backup = store.createBackup(deployment, {
      backup_type: backupType,
      backup_level: backupLevel,
      backup_target_id: body.backup_target_id as string,
      job_history_limit: limit as number,
      schedule: typeof body.schedule === 'string' ? body.schedule : '',
    });
    return ok(backup, 201);
  });
  const backupOf = (r: EmulatorRequest) => found(store.backups.get(idOf(r)), 'Backup');
  server.route('GET', '/api/backups/:id', (r) => ok(backupOf(r)));
  server.route('DELETE', '/api/backups/:id', (r) => {
    store.backups.delete(backupOf(r).id);
    return noContent;
  });
  // Not paginated: `{ data: [models.BackupJobStatusResponse] }` (no job ids).
  server.route('GET', '/api/backups/:id/jobs', (r) => {
    const backup = backupOf(r);
    const data = [...store.jobs.values()]
      .filter((j) => j.backup_id === backup.id)
      .map((j) => ({ name: j.name, status: j.completion_status, start_time: j.start_time, completion_time: j.completion_time }));
    return ok({ data });
  });

  // ----------------------------------------------------------------------------------- backup jobs
  const jobSpec = { sortBy: ['id', 'name', 'created_at'], filters: ['id', 'deployment_id', 'deployment_target_id', 'backup_id', 'name', 'namespace_id'] };
  const jobViews = new ListViews<BackupJob>();
  server.route('GET', '/api/projects/:id/backup-jobs', (r) => {
    const project = projectOf(r);
    // The one list that grows long (extraRecoveryPoints): its sorted rows are kept between pages.
    const rows = jobViews.rows(store.jobs.version, r, jobSpec, () => [...store.jobs.values()].filter((j) => j.project_id === project.id));
    return ok(pageOf(rows, r));
  });
  const jobOf = (r: EmulatorRequest) => found(store.jobs.get(idOf(r)), 'BackupJob');
  server.route('GET', '/api/backup-jobs/:id', (r) => ok(jobOf(r)));
  server.route('DELETE', '/api/backup-jobs/:id', (r) => {
    const job = jobOf(r);
    if (store.deploymentTargets.get(job.deployment_target_id)?.status !== 'healthy') {
      return pdsError(422, 'Deployment Target not healthy, can not process backup job deletion');
    }
    store.jobs.delete(job.id);
    return noContent;
  });

  // -------------------------------------------------------------------------------------- restores
  server.route('POST', '/api/backup-jobs/:id/restore', (r) => {
    const job = jobOf(r);
    const body = jsonObject(r);
    if (typeof body.name !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(body.name)) invalid('name must be a DNS label of at most 40 characters');
    if (typeof body.deployment_target_id !== 'string' || !store.deploymentTargets.has(body.deployment_target_id)) invalid('deployment_target_id must name an existing DeploymentTarget');
    const namespace = typeof body.namespace_id === 'string' ? store.namespaces.get(body.namespace_id) : undefined;
    if (!namespace || namespace.deployment_target_id !== body.deployment_target_id) invalid('namespace_id must name a Namespace of the deployment target');
    if (job.completion_status !== 'Succeeded') return pdsError(422, 'BackupJob has not succeeded and cannot be restored');
    if ([...store.deployments.values()].some((d) => d.name === body.name && d.namespace_id === namespace.id)) {
      return pdsError(409, 'Deployment with the given name already exists');
    }
    return ok(store.startRestore(job, { name: body.name, deployment_target_id: body.deployment_target_id, namespace_id: namespace.id }));
  });
  server.route('GET', '/api/restores/:id', (r) => ok(found(store.restores.get(idOf(r)), 'Restore')));
}

function policyBody(request: EmulatorRequest, store: PdsStore): { name: string; schedules: BackupSchedule[] } {
  const body = jsonObject(request);
  if (typeof body.name !== 'string' || body.name.trim() === '') invalid('name is required');
  if (!Array.isArray(body.schedules) || body.schedules.length === 0) invalid('schedules must be non-empty');
  const schedules = body.schedules.map((raw: unknown, i: number): BackupSchedule => {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof s.schedule !== 'string' || s.schedule.trim().split(/\s+/).length !== 5) invalid(`schedules[${i}].schedule must be a CRON expression`);
    if (s.type !== 'incremental' && s.type !== 'full') invalid(`schedules[${i}].type must be one of: incremental, full`);
    if (!Number.isInteger(s.retention_count) || (s.retention_count as number) < 1) invalid(`schedules[${i}].retention_count must be 1 or greater`);
    const id = typeof s.id === 'string' && s.id !== '' ? s.id : store.newId(); // "generated on the UI side"
    return { id, schedule: s.schedule, type: s.type, retention_count: s.retention_count as number };
  });
  return { name: body.name, schedules };
}

/** `scheduled_backup`: "must be both specified or not. Set both to null to have no scheduled backup." */
function applyScheduledBackup(store: PdsStore, deployment: Deployment, raw: unknown): void {
  if (raw === null) return store.setScheduledBackup(deployment, null);
  if (typeof raw !== 'object' || Array.isArray(raw)) invalid('scheduled_backup must be an object');
  const { backup_policy_id: policyId, backup_target_id: targetId } = raw as Record<string, unknown>;
  if (policyId == null && targetId == null) return store.setScheduledBackup(deployment, null);
  if (typeof policyId !== 'string' || typeof targetId !== 'string') invalid('BackupTargetID and BackupPolicyID must be both specified.');
  if (!store.policies.has(policyId)) invalid('backup_policy_id must name an existing BackupPolicy');
  if (!store.backupTargets.has(targetId)) invalid('backup_target_id must name an existing BackupTarget');
  store.setScheduledBackup(deployment, { backup_policy_id: policyId, backup_target_id: targetId });
}
