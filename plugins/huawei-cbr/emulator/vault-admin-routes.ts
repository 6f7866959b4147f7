import type { EmulatorServer, VendorClock } from '@backbridge/emulator-kit';
import { DURATION_MS, addTask } from './actions';
import { NOT_FOUND, cbrError, invalid, isUuid, objectBody } from './cbr-format';
import { checkName, findVault, resourcesToAdd } from './lookups';
import { vaultView } from './views';
import { busyWith, exists, type Vault, type World } from './world';

const P = '/v3/:project_id';
const MAX_SIZE = 10_485_760;

/** Creating, modifying and deleting vaults, and migrating resources between them (seed §4.4.1, 4.4.4, 4.4.5, 4.4.10). */
export function registerVaultAdminRoutes(server: EmulatorServer, world: World, clock: VendorClock): void {
  server.route('POST', `${P}/vaults`, ({ body }) => {
    const input = objectBody(body, 'vault');
    const billing = objectBody({ billing: input.billing }, 'billing');
    if (billing.consistent_level !== 'crash_consistent') throw invalid('billing.consistent_level must be crash_consistent');
    if (billing.protect_type !== 'backup') throw invalid('billing.protect_type must be backup');
    if (billing.object_type !== 'server' && billing.object_type !== 'disk') throw cbrError(400, 'BackupService.6116', 'Unsupported resource type.');
    if (!Number.isInteger(billing.size) || (billing.size as number) < 10 || (billing.size as number) > MAX_SIZE) throw cbrError(400, 'BackupService.6101', 'Invalid vault capacity.');
    if (input.description !== undefined && input.description !== null && (typeof input.description !== 'string' || input.description.length > 64)) throw invalid('description is at most 64 characters');
    const name = checkName(input.name);
    if (input.resources === undefined) throw invalid('resources is mandatory (set it to [] if no resources)');
    const { assets, exclude } = resourcesToAdd(world, billing.object_type, input.resources);
    let policyId: string | undefined;
    if (input.backup_policy_id !== undefined && input.backup_policy_id !== null) {
      if (!isUuid(input.backup_policy_id) || !world.policies.has(input.backup_policy_id)) throw NOT_FOUND.policy();
      policyId = input.backup_policy_id;
    }
    const vault: Vault = {
      id: world.newId(),
      name,
      description: (input.description as string | undefined) ?? null,
      objectType: billing.object_type,
      size: billing.size as number,
      createdAt: clock.now(),
      resourceIds: assets.map((a) => a.id),
      excludeVolumes: exclude,
      tags: Array.isArray(input.tags) ? (input.tags as { key: string; value: string }[]) : [],
    };
    world.vaults.set(vault.id, vault);
    if (policyId) world.policies.get(policyId)!.vaultIds.push(vault.id);
    return { status: 200, body: { vault: { ...vaultView(vault, world, clock), backup_name_prefix: '', demand_billing: false, cbc_delete_count: 0, frozen: false } } };
  });

  server.route('PUT', `${P}/vaults/:vault_id`, ({ params, body }) => {
    const vault = findVault(world, params.vault_id);
    const input = objectBody(body, 'vault');
    const name = input.name === undefined ? vault.name : checkName(input.name);
    let size = vault.size;
    if (input.billing !== undefined) {
      const billing = objectBody({ billing: input.billing }, 'billing');
      if (billing.size !== undefined) {
        if (!Number.isInteger(billing.size) || (billing.size as number) < 1 || (billing.size as number) > MAX_SIZE) throw cbrError(400, 'BackupService.6101', 'Invalid vault capacity.');
        size = billing.size as number;
      }
    }
    if (input.threshold !== undefined && (!Number.isInteger(input.threshold) || (input.threshold as number) < 1 || (input.threshold as number) > 100)) throw invalid('threshold ranges from 1 to 100');
    Object.assign(vault, { name, size });
    return { status: 200, body: { vault: vaultView(vault, world, clock) } };
  });

  // "Once a vault is deleted, all backups in the vault are cleared."
  server.route('DELETE', `${P}/vaults/:vault_id`, ({ params }) => {
    const vault = findVault(world, params.vault_id);
    if (vault.resourceIds.some((id) => busyWith(world, id, clock))) throw cbrError(400, 'BackupService.6111', 'The vault cannot be deleted.');
    const now = clock.now();
    const backups = [...world.backups.values()].filter((b) => b.vaultId === vault.id && exists(b, clock));
    for (const backup of backups) backup.deletion = { startedAt: now, durationMs: DURATION_MS.delete };
    addTask(world, {
      operationType: 'vault_delete',
      at: now,
      durationMs: DURATION_MS.delete,
      outcome: 'success',
      vault,
      extra: { vault_delete: { fail_count: 0, total_count: backups.filter((b) => !b.parentId).length } },
    });
    for (const policy of world.policies.values()) policy.vaultIds = policy.vaultIds.filter((id) => id !== vault.id);
    world.vaults.delete(vault.id);
    return { status: 204 };
  });

  server.route('POST', `${P}/vaults/:vault_id/migrateresources`, ({ params, body }) => {
    const source = findVault(world, params.vault_id);
    const input = objectBody(body);
    if (!isUuid(input.destination_vault_id)) throw invalid('destination_vault_id is mandatory');
    const destination = world.vaults.get(input.destination_vault_id);
    if (!destination) throw NOT_FOUND.vault();
    if (destination.objectType !== source.objectType) throw cbrError(400, 'BackupService.6102', 'The vault does not support this resource type.');
    const ids = input.resource_ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) throw invalid('resource_ids is mandatory');
    for (const id of ids as string[]) {
      if (!source.resourceIds.includes(id)) throw cbrError(400, 'BackupService.6135', 'The resource does not exist in the vault.');
      if (busyWith(world, id, clock)) throw cbrError(500, 'BackupService.4006', 'Failed to migrate the backup in an intermediate status.');
    }
    source.resourceIds = source.resourceIds.filter((id) => !ids.includes(id));
    destination.resourceIds.push(...(ids as string[]));
    for (const backup of world.backups.values()) {
      const top = backup.parentId ? world.backups.get(backup.parentId) : backup;
      if (top && ids.includes(top.resourceId) && backup.vaultId === source.id) backup.vaultId = destination.id;
    }
    // The table says "List of migrated resources" (the example prints the destination vault id).
    return { status: 200, body: { migrated_resources: ids } };
  });
}
