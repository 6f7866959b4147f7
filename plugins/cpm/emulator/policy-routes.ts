import type { EmulatorRequest, EmulatorServer } from '@backbridge/emulator-kit';
import { TARGET_FAMILIES, WEEKDAY_FIELDS, type EfsTargetOptions, type PolicyState, type ScheduleState, type TargetFamily, type TargetState, type Weekday } from './cpm-records';
import { ACCOUNT, DEFAULT_EFS_OPTIONS, type CpmStore } from './cpm-store';
import { policyView, scheduleView, targetView } from './cpm-views';
import { bodyOf, checkName, fail, FieldErrors, isInteger, notFound, order, paginate, pathId } from './cpm-wire';

const EVERY_UNITS = ['M', 'H', 'D', 'W', 'O'];
/** DynamoDB tables are added by name (§13.21); every other family by AWS id. */
const KEY_FIELD = (family: TargetFamily) => (family === 'dynamodb_tables' ? 'aws_resource_name' : 'aws_resource_id');
const EXPIRE_OPTIONS = ['P', 'N', 'D', 'W', 'M', 'Y'];
const COLD_STORAGE_OPTIONS = ['N', 'D', 'W', 'M', 'Y'];

/** Policies (§13.1–13.6), their targets of every family (§13.20–13.54) and schedules (§22.1–22.5). */
export function registerPolicies(server: EmulatorServer, store: CpmStore): void {
  const policyOr404 = (request: EmulatorRequest, name = 'id'): PolicyState => store.policies.get(pathId(request, name)) ?? notFound();

  server.route('GET', '/api/policies/', (request) => {
    let items = [...store.policies.values()].sort((a, b) => a.id - b.id).map(policyView);
    for (const field of ['account', 'user']) {
      const value = request.query.get(field);
      if (value !== null) items = items.filter((p) => String(p[field]) === value);
    }
    const schedule = request.query.get('schedules');
    if (schedule !== null) items = items.filter((p) => (p.schedules as number[]).map(String).includes(schedule));
    const search = request.query.get('search')?.toLowerCase();
    if (search) items = items.filter((p) => `${p.name} ${p.description ?? ''}`.toLowerCase().includes(search));
    return paginate(request, order(items, request.query.get('ordering'), ['account', 'enabled', 'generations', 'name', 'username']));
  });

  server.route('POST', '/api/policies/', (request) => {
    const body = bodyOf(request);
    const errors = new FieldErrors();
    checkName(errors, body);
    errors.required(body, 'account');
    if (body.account !== undefined && body.account !== ACCOUNT.id) {
      errors.add('account', `Invalid pk "${String(body.account)}" - object does not exist.`, 'does_not_exist');
    }
    checkPolicyFields(errors, body, store);
    if (typeof body.name === 'string' && [...store.policies.values()].some((p) => p.name === body.name)) {
      errors.add('name', 'policy with this name already exists.', 'unique');
    }
    errors.throwIfAny();
    const policy: PolicyState = {
      id: store.nextId('policy'),
      name: body.name as string,
      description: (body.description as string | undefined) ?? null,
      account: ACCOUNT.id,
      user: 1,
      enabled: (body.enabled as boolean | undefined) ?? true,
      generations: (body.generations as number | undefined) ?? 10,
      schedules: (body.schedules as number[] | undefined) ?? [],
      auto_remove_resource: (body.auto_remove_resource as PolicyState['auto_remove_resource'] | undefined) ?? 'N',
      dr_enabled: (body.dr_enabled as boolean | undefined) ?? false,
      last_modified: store.clock.now(),
    };
    store.policies.set(policy.id, policy);
    return { status: 201, body: policyView(policy) };
  });

  server.route('GET', '/api/policies/:id/', (request) => ({ status: 200, body: policyView(policyOr404(request)) }));

  server.route('PUT', '/api/policies/:id/', (request) => {
    const policy = policyOr404(request);
    const body = bodyOf(request);
    const errors = new FieldErrors();
    checkName(errors, body);
    checkPolicyFields(errors, body, store);
    if (typeof body.name === 'string' && [...store.policies.values()].some((p) => p.name === body.name && p.id !== policy.id)) {
      errors.add('name', 'policy with this name already exists.', 'unique');
    }
    errors.throwIfAny();
    // `account` is not part of the update body (§13.4): it stays as it was.
    Object.assign(policy, {
      name: body.name,
      ...(body.description !== undefined && { description: body.description }),
      ...(body.enabled !== undefined && { enabled: body.enabled }),
      ...(body.generations !== undefined && { generations: body.generations }),
      ...(body.schedules !== undefined && { schedules: body.schedules }),
      ...(body.auto_remove_resource !== undefined && { auto_remove_resource: body.auto_remove_resource }),
      ...(body.dr_enabled !== undefined && { dr_enabled: body.dr_enabled }),
      last_modified: store.clock.now(),
    });
    return { status: 200, body: policyView(policy) };
  });

  server.route('DELETE', '/api/policies/:id/', (request) => {
    store.deletePolicy(policyOr404(request).id);
    return { status: 204 };
  });

  server.route('POST', '/api/policies/:id/backups/', (request) => {
    const policy = policyOr404(request);
    if (!policy.enabled) fail(412, 'detail', 'The policy is disabled.', 'precondition_failed');
    if (store.targetsOf(policy.id).length === 0) fail(412, 'detail', 'The policy has no targets.', 'precondition_failed');
    const backup = store.startBackup(policy, store.clock.now());
    return { status: 202, body: { tracker_id: backup.tracker_id } };
  });

  server.route('GET', '/api/policies/:policy_id/targets/', (request) => {
    const policy = policyOr404(request, 'policy_id');
    return paginate(request, store.targetsOf(policy.id).map(targetView));
  });

  for (const family of TARGET_FAMILIES) {
    const base = `/api/policies/:policy_id/targets/${family}/`;
    server.route('GET', base, (request) => {
      const policy = policyOr404(request, 'policy_id');
      return paginate(request, store.targetsOf(policy.id).filter((t) => t.object.family === family).map(targetView));
    });
    server.route('POST', base, (request) => {
      const policy = policyOr404(request, 'policy_id');
      const body = bodyOf(request);
      const errors = new FieldErrors();
      const key = KEY_FIELD(family);
      errors.required(body, 'aws_region');
      errors.required(body, key);
      const efs = family === 'efs' ? efsOptions(errors, body, DEFAULT_EFS_OPTIONS) : undefined;
      errors.throwIfAny();
      const object = store.inventory.find((o) => o.family === family && (key === 'aws_resource_name' ? o.name : o.aws_resource_id) === body[key] && o.aws_region === body.aws_region);
      if (!object) errors.add(key, `Resource "${String(body[key])}" was not found in region "${String(body.aws_region)}".`, 'does_not_exist');
      else if (store.targetsOf(policy.id).some((t) => t.object === object)) errors.add(key, 'This resource is already a target of the policy.', 'unique');
      errors.throwIfAny();
      const id = store.nextId('target');
      const target: TargetState = { id, policy: policy.id, object: object!, ...(efs && { efs }) };
      store.targets.set(id, target);
      return { status: 201, body: targetView(target) };
    });
    const targetOr404 = (request: EmulatorRequest) => {
      const policy = policyOr404(request, 'policy_id');
      const target = store.targets.get(pathId(request, 'id'));
      if (!target || target.policy !== policy.id || target.object.family !== family) notFound();
      return target;
    };
    server.route('GET', `${base}:id/`, (request) => ({ status: 200, body: targetView(targetOr404(request)) }));
    // Only EFS targets can be updated (§13.28): their AWS Backup options.
    if (family === 'efs') {
      server.route('PUT', `${base}:id/`, (request) => {
        const target = targetOr404(request);
        const errors = new FieldErrors();
        const efs = efsOptions(errors, bodyOf(request), target.efs ?? DEFAULT_EFS_OPTIONS);
        errors.throwIfAny();
        target.efs = efs;
        return { status: 200, body: targetView(target) };
      });
    }
    server.route('DELETE', `${base}:id/`, (request) => {
      store.targets.delete(targetOr404(request).id);
      return { status: 204 };
    });
  }

  registerSchedules(server, store);
}

/** The AWS Backup options of an EFS target (§13.25 / §13.28), over what it had. */
function efsOptions(errors: FieldErrors, body: Record<string, unknown>, current: EfsTargetOptions): EfsTargetOptions {
  const choice = (field: 'expire_option' | 'move_to_cold_storage_option', allowed: string[]) => {
    if (body[field] !== undefined && !allowed.includes(body[field] as string)) errors.add(field, `"${String(body[field])}" is not a valid choice.`, 'invalid_choice');
  };
  choice('expire_option', EXPIRE_OPTIONS);
  choice('move_to_cold_storage_option', COLD_STORAGE_OPTIONS);
  for (const field of ['expire_option_value', 'move_to_cold_storage_option_value']) {
    if (body[field] !== undefined && body[field] !== null && !isInteger(body[field])) errors.add(field, 'A valid integer is required.', 'invalid');
  }
  for (const field of ['backup_iam_role_arn', 'backup_vault_name']) {
    if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') errors.add(field, 'Not a valid string.', 'invalid');
  }
  const pick = <K extends keyof EfsTargetOptions>(field: K): EfsTargetOptions[K] => (body[field] === undefined ? current[field] : (body[field] as EfsTargetOptions[K]));
  return {
    backup_iam_role_arn: pick('backup_iam_role_arn'),
    backup_vault_name: pick('backup_vault_name'),
    expire_option: pick('expire_option'),
    expire_option_value: pick('expire_option_value'),
    move_to_cold_storage_option: pick('move_to_cold_storage_option'),
    move_to_cold_storage_option_value: pick('move_to_cold_storage_option_value'),
  };
}

function checkPolicyFields(errors: FieldErrors, body: Record<string, unknown>, store: CpmStore): void {
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') errors.add('enabled', 'Must be a valid boolean.', 'invalid');
  if (body.generations !== undefined && (!isInteger(body.generations) || (body.generations as number) < 1)) {
    errors.add('generations', 'Ensure this value is greater than or equal to 1.', 'min_value');
  }
  if (body.auto_remove_resource !== undefined && !['N', 'Y', 'A'].includes(body.auto_remove_resource as string)) {
    errors.add('auto_remove_resource', `"${String(body.auto_remove_resource)}" is not a valid choice.`, 'invalid_choice');
  }
  if (body.schedules !== undefined) {
    if (!Array.isArray(body.schedules)) errors.add('schedules', 'Expected a list of items.', 'not_a_list');
    else for (const id of body.schedules) if (!store.schedules.has(id as number)) errors.add('schedules', `Invalid pk "${String(id)}" - object does not exist.`, 'does_not_exist');
  }
}

function registerSchedules(server: EmulatorServer, store: CpmStore): void {
  const scheduleOr404 = (request: EmulatorRequest): ScheduleState => store.schedules.get(pathId(request, 'id')) ?? notFound();

  server.route('GET', '/api/schedules/', (request) => {
    let schedules = [...store.schedules.values()].sort((a, b) => a.id - b.id);
    const policy = request.query.get('policy');
    if (policy !== null) schedules = schedules.filter((s) => store.policies.get(Number(policy))?.schedules.includes(s.id));
    const user = request.query.get('user');
    if (user !== null) schedules = schedules.filter((s) => String(s.user) === user);
    const ordering = request.query.get('ordering');
    const allowed = ['end_date', 'every_how_many', 'every_unit', 'name', 'start_date', 'username', ...WEEKDAY_FIELDS.map((d) => `allow_on_${d}`)];
    return paginate(request, order(schedules.map(scheduleView), ordering, allowed));
  });

  server.route('POST', '/api/schedules/', (request) => {
    const body = bodyOf(request);
    const fields = scheduleFields(body, true);
    const schedule = store.newSchedule({
      name: body.name as string,
      description: (body.description as string | undefined) ?? null,
      user: body.user as number,
      every_unit: (body.every_unit as string | undefined) ?? 'D',
      every_how_many: body.every_how_many as number,
      start_date: fields.start_date ?? store.clock.now(),
      end_date: fields.end_date ?? null,
      ...(body.timezone !== undefined && { timezone: body.timezone as string }),
      allow_on: fields.allow_on,
    });
    return { status: 201, body: scheduleView(schedule) };
  });

  server.route('GET', '/api/schedules/:id/', (request) => ({ status: 200, body: scheduleView(scheduleOr404(request)) }));

  server.route('PUT', '/api/schedules/:id/', (request) => {
    const schedule = scheduleOr404(request);
    const body = bodyOf(request);
    const fields = scheduleFields(body, false);
    Object.assign(schedule, {
      name: body.name,
      every_how_many: body.every_how_many,
      ...(body.every_unit !== undefined && { every_unit: body.every_unit }),
      ...(body.description !== undefined && { description: body.description }),
      ...(fields.start_date !== undefined && { start_date: fields.start_date }),
      ...(fields.end_date !== undefined && { end_date: fields.end_date }),
      ...(body.timezone !== undefined && { timezone: body.timezone }),
      allow_on: { ...schedule.allow_on, ...fields.allow_on },
      last_modified: store.clock.now(),
    });
    return { status: 200, body: scheduleView(schedule) };
  });

  server.route('DELETE', '/api/schedules/:id/', (request) => {
    const schedule = scheduleOr404(request);
    store.schedules.delete(schedule.id);
    for (const policy of store.policies.values()) policy.schedules = policy.schedules.filter((id) => id !== schedule.id);
    return { status: 204 };
  });
}

/** Validates a schedule body (user only on create, §22.1 vs §22.4) and parses its dates and day flags. */
function scheduleFields(body: Record<string, unknown>, creating: boolean) {
  const errors = new FieldErrors();
  checkName(errors, body);
  errors.required(body, 'every_how_many');
  if (body.every_how_many !== undefined && (!isInteger(body.every_how_many) || (body.every_how_many as number) < 1)) {
    errors.add('every_how_many', 'A valid integer is required.', 'invalid');
  }
  if (creating) {
    errors.required(body, 'user');
    if (body.user !== undefined && body.user !== 1) errors.add('user', `Invalid pk "${String(body.user)}" - object does not exist.`, 'does_not_exist');
  }
  // The 1.4.0 sample writes the Months unit as the digit "0"; accept it as the letter O.
  if (body.every_unit === '0') body.every_unit = 'O';
  if (body.every_unit !== undefined && !EVERY_UNITS.includes(body.every_unit as string)) {
    errors.add('every_unit', `"${String(body.every_unit)}" is not a valid choice.`, 'invalid_choice');
  }
  const date = (field: string): number | undefined | null => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (value === null) return null;
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) errors.add(field, 'Datetime has wrong format.', 'invalid');
    return ms;
  };
  const start = date('start_date');
  const end = date('end_date');
  const allowOn: Partial<Record<Weekday, boolean>> = {};
  for (const day of WEEKDAY_FIELDS) {
    const value = body[`allow_on_${day}`];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') errors.add(`allow_on_${day}`, 'Must be a valid boolean.', 'invalid');
    else allowOn[day] = value;
  }
  errors.throwIfAny();
  return { start_date: start ?? undefined, end_date: end, allow_on: allowOn };
}
