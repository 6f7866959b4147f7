import type { EmulatorServer, VendorClock } from '@backbridge/emulator-kit';
import { NOT_FOUND, invalid, objectBody } from './cbr-format';
import { validateName, validateOperationDefinition, validatePatterns } from './policy-validation';
import { policyView } from './views';
import type { Policy, World } from './world';

const P = '/v3/:project_id';

function findPolicy(world: World, id: string): Policy {
  const policy = world.policies.get(id);
  if (!policy) throw NOT_FOUND.policy();
  return policy;
}

function patternsOf(trigger: unknown): string[] {
  const properties = objectBody({ trigger }, 'trigger').properties;
  return validatePatterns(objectBody({ properties }, 'properties').pattern);
}

/** Policies (seed §4.6): not paged; a PUT replaces what it names (operation_definition whole). */
export function registerPolicyRoutes(server: EmulatorServer, world: World, clock: VendorClock): void {
  server.route('GET', `${P}/policies`, ({ query }) => {
    const type = query.get('operation_type');
    if (type !== null && type !== 'backup' && type !== 'replication') throw invalid('operation_type must be backup or replication');
    const vaultId = query.get('vault_id');
    const policies = [...world.policies.values()]
      .filter((p) => type === null || p.operationType === type)
      .filter((p) => vaultId === null || p.vaultIds.includes(vaultId))
      .sort((a, b) => a.createdAt - b.createdAt);
    return { status: 200, body: { policies: policies.map((p) => policyView(p)), count: policies.length } };
  });

  server.route('GET', `${P}/policies/:policy_id`, ({ params }) => ({ status: 200, body: { policy: policyView(findPolicy(world, params.policy_id)) } }));

  server.route('POST', `${P}/policies`, ({ body }) => {
    const input = objectBody(body, 'policy');
    const type = input.operation_type ?? 'backup';
    if (type !== 'backup' && type !== 'replication') throw invalid('operation_type must be backup or replication');
    if (input.enabled !== undefined && typeof input.enabled !== 'boolean') throw invalid('enabled must be a boolean');
    const policy: Policy = {
      id: world.newId(),
      name: validateName(input.name),
      enabled: (input.enabled as boolean | undefined) ?? true,
      operationType: type,
      operationDefinition: validateOperationDefinition(input.operation_definition),
      patterns: patternsOf(input.trigger),
      triggerId: world.newId(),
      createdAt: clock.now(),
      vaultIds: [],
    };
    world.policies.set(policy.id, policy);
    return { status: 200, body: { policy: policyView(policy, true) } };
  });

  server.route('PUT', `${P}/policies/:policy_id`, ({ params, body }) => {
    const policy = findPolicy(world, params.policy_id);
    const input = objectBody(body, 'policy');
    const unknown = Object.keys(input).filter((k) => !['enabled', 'name', 'operation_definition', 'trigger'].includes(k));
    if (unknown.length > 0) throw invalid(`invalid key ${unknown[0]}`);
    if (input.enabled !== undefined && typeof input.enabled !== 'boolean') throw invalid('enabled must be a boolean');
    // Validate everything before changing anything.
    const name = input.name === undefined ? policy.name : validateName(input.name);
    const definition = input.operation_definition === undefined ? policy.operationDefinition : validateOperationDefinition(input.operation_definition);
    const patterns = input.trigger === undefined ? policy.patterns : patternsOf(input.trigger);
    Object.assign(policy, { name, operationDefinition: definition, patterns, enabled: (input.enabled as boolean | undefined) ?? policy.enabled });
    return { status: 200, body: { policy: policyView(policy) } };
  });

  server.route('DELETE', `${P}/policies/:policy_id`, ({ params }) => {
    findPolicy(world, params.policy_id);
    world.policies.delete(params.policy_id);
    return { status: 204 };
  });
}
