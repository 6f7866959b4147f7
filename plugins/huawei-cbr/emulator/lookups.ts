/** Lookups and checks shared by the vault routes. */
import { NOT_FOUND, cbrError, invalid } from './cbr-format';
import { OBJECT_TYPE_OF, vaultOf, type Asset, type Vault, type World } from './world';

export function findVault(world: World, id: string): Vault {
  const vault = world.vaults.get(id);
  if (!vault) throw NOT_FOUND.vault();
  return vault;
}

export function checkName(value: unknown): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 64) throw invalid('name must be 1 to 64 characters');
  return value;
}

/** ResourceCreate items: they must exist, fit the vault's type and be in no vault yet (one resource, one vault). */
export function resourcesToAdd(world: World, objectType: Vault['objectType'], items: unknown): { assets: Asset[]; exclude: Record<string, string[]> } {
  if (!Array.isArray(items) || items.length > 256) throw invalid('resources must be a list of at most 256 resources');
  const assets: Asset[] = [];
  const exclude: Record<string, string[]> = {};
  for (const item of items as Record<string, unknown>[]) {
    if (typeof item?.id !== 'string' || typeof item.type !== 'string') throw invalid('resources[].id and resources[].type are mandatory');
    const asset = world.assets.get(item.id);
    if (!asset) throw item.type === 'OS::Cinder::Volume' ? cbrError(404, 'BackupService.7000', 'The disk does not exist.') : cbrError(404, 'BackupService.7100', 'The server does not exist.');
    if (asset.type !== item.type) throw cbrError(400, 'BackupService.6300', 'The resource type and backup provider do not match.');
    if (OBJECT_TYPE_OF[asset.type] !== objectType) throw cbrError(400, 'BackupService.6102', 'The vault does not support this resource type.');
    if (vaultOf(world, asset.id)) throw cbrError(400, asset.type === 'OS::Nova::Server' ? 'BackupService.7116' : 'BackupService.7006', asset.type === 'OS::Nova::Server' ? 'The server has been associated with the vault.' : 'The disk already exists in the vault.');
    const excluded = (item.extra_info as { exclude_volumes?: unknown } | undefined)?.exclude_volumes;
    if (Array.isArray(excluded)) exclude[asset.id] = excluded.filter((v): v is string => typeof v === 'string');
    assets.push(asset);
  }
  return { assets, exclude };
}

