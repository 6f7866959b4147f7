import type { EmulatorServer, VendorClock } from '@backbridge/emulator-kit';
import { DURATION_MS, addTask } from './actions';
import { NOT_FOUND, cbrError, invalid, isUuid, objectBody, offsetPaging } from './cbr-format';
import { findVault, resourcesToAdd } from './lookups';
import { vaultView } from './views';
import { busyWith, exists, type World } from './world';

const P = '/v3/:project_id';

/** Vaults (seed §4.4): list, show, add/remove resources, apply/remove a policy. */
export function registerVaultRoutes(server: EmulatorServer, world: World, clock: VendorClock): void {
  server.route('GET', `${P}/vaults`, ({ query }) => {
    const { offset, limit } = offsetPaging(query);
    const objectType = query.get('object_type');
    if (objectType !== null && !['server', 'disk', 'turbo'].includes(objectType)) throw invalid('object_type must be server, disk or turbo');
    const resourceIds = query.get('resource_ids')?.split(',').filter(Boolean);
    const policyId = query.get('policy_id');
    const name = query.get('name');
    const id = query.get('id');
    const matches = [...world.vaults.values()]
      .filter((v) => objectType === null || v.objectType === objectType)
      .filter((v) => !resourceIds || v.resourceIds.some((r) => resourceIds.includes(r)))
      .filter((v) => policyId === null || world.policies.get(policyId)?.vaultIds.includes(v.id))
      .filter((v) => name === null || v.name.includes(name))
      .filter((v) => id === null || v.id === id)
      // Undocumented order; oldest first, then id.
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    return {
      status: 200,
      body: { vaults: matches.slice(offset, offset + limit).map((v) => vaultView(v, world, clock)), count: matches.length, limit, offset },
    };
  });

  server.route('GET', `${P}/vaults/:vault_id`, ({ params }) => ({ status: 200, body: { vault: vaultView(findVault(world, params.vault_id), world, clock) } }));

  server.route('POST', `${P}/vaults/:vault_id/addresources`, ({ params, body }) => {
    const vault = findVault(world, params.vault_id);
    const resources = objectBody(body).resources;
    if (!Array.isArray(resources) || resources.length < 1) throw invalid('resources must hold 1 to 256 resources');
    const { assets, exclude } = resourcesToAdd(world, vault.objectType, resources);
    const added = assets.map((a) => a.id);
    Object.assign(vault.excludeVolumes, exclude);
    vault.resourceIds.push(...added);
    return { status: 200, body: { add_resource_ids: added } };
  });

  // Implemented because CBR has it: it deletes the resources' backups (the plugin never calls it).
  server.route('POST', `${P}/vaults/:vault_id/removeresources`, ({ params, body }) => {
    const vault = findVault(world, params.vault_id);
    const ids = objectBody(body).resource_ids;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 256) throw invalid('resource_ids must hold 1 to 256 ids');
    for (const id of ids) {
      if (!vault.resourceIds.includes(id as string)) throw cbrError(400, 'BackupService.6135', 'The resource does not exist in the vault.');
      if (busyWith(world, id as string, clock)) throw cbrError(400, 'BackupService.6125', 'A backup task is in progress.');
    }
    const now = clock.now();
    for (const id of ids as string[]) {
      const backups = [...world.backups.values()].filter((b) => b.resourceId === id && !b.parentId && exists(b, clock));
      for (const backup of backups) {
        backup.deletion = { startedAt: now, durationMs: DURATION_MS.delete };
        for (const childId of backup.childIds) world.backups.get(childId)!.deletion = backup.deletion;
      }
      addTask(world, {
        operationType: 'remove_resource',
        at: now,
        durationMs: DURATION_MS.delete,
        outcome: 'success',
        vault,
        asset: world.assets.get(id)!,
        extra: { remove_resources: { fail_count: 0, total_count: backups.length } },
      });
    }
    vault.resourceIds = vault.resourceIds.filter((r) => !ids.includes(r));
    return { status: 200, body: { remove_resource_ids: ids } };
  });

  server.route('POST', `${P}/vaults/:vault_id/associatepolicy`, ({ params, body }) => {
    const vault = findVault(world, params.vault_id);
    const policyId = objectBody(body).policy_id;
    if (!isUuid(policyId)) throw invalid('policy_id must be a UUID');
    const policy = world.policies.get(policyId);
    if (!policy) throw NOT_FOUND.policy();
    const other = [...world.policies.values()].find((p) => p.id !== policy.id && p.operationType === policy.operationType && p.vaultIds.includes(vault.id));
    if (other) throw cbrError(400, 'BackupService.6127', 'This policy cannot be applied to this vault.');
    if (!policy.vaultIds.includes(vault.id)) policy.vaultIds.push(vault.id);
    return { status: 200, body: { associate_policy: { vault_id: vault.id, policy_id: policy.id } } };
  });

  server.route('POST', `${P}/vaults/:vault_id/dissociatepolicy`, ({ params, body }) => {
    const vault = findVault(world, params.vault_id);
    const policyId = objectBody(body).policy_id;
    if (!isUuid(policyId)) throw invalid('policy_id is mandatory and must be a UUID');
    const policy = world.policies.get(policyId);
    if (!policy) throw NOT_FOUND.policy();
    if (!policy.vaultIds.includes(vault.id)) throw cbrError(404, 'BackupService.6002', 'The vault is not applied with the policy.');
    policy.vaultIds = policy.vaultIds.filter((id) => id !== vault.id);
    return { status: 200, body: { dissociate_policy: { vault_id: vault.id, policy_id: policy.id } } };
  });

}
