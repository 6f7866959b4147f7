import type { Capabilities } from '@backbridge/plugin-sdk';

/** Dotted paths of the boolean capability flags, e.g. `restores.alternate`. */
export type CapabilityPath =
  | 'resources.list'
  | 'policies.list'
  | 'policies.create'
  | 'policies.update'
  | 'policies.delete'
  | 'policies.run'
  | 'backups.onDemand'
  | 'recoveryPoints.list'
  | 'recoveryPoints.delete'
  | 'restores.original'
  | 'restores.alternate'
  | 'jobs.list'
  | 'jobs.cancel'
  | 'vaults.list';

export function hasCapability(capabilities: Capabilities, path: CapabilityPath): boolean {
  const [area, flag] = path.split('.') as [keyof Capabilities, string];
  const group = capabilities[area] as unknown as Record<string, unknown> | undefined;
  return group?.[flag] === true;
}
