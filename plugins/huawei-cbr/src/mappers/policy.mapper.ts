import { ValidationFailedError, type PolicyRecord, type PolicySpec } from '@backbridge/core';
import type { CbrPolicy, CbrPolicyCreate } from '../dto/policy.dto';
import type { CbrVault } from '../dto/vault.dto';
import { toIsoUtc } from './cbr-time';
import { fromOperationDefinition, toOperationDefinition } from './retention.mapper';
import { fromCbrPatterns, toCbrPatterns } from './schedule.mapper';

/** "only letters, digits, underscores (_), and hyphens (-)", 1 to 64 characters (seed §4.6.1). */
const POLICY_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The vault ids a policy is applied to (`associated_vaults` is null or [] when none). */
export function associatedVaultIds(policy: CbrPolicy): string[] {
  return (policy.associated_vaults ?? []).map((v) => v.vault_id);
}

/**
 * A CBR policy as a unified one. Its resources are those of the vaults it is applied to (a policy
 * protects whole vaults); its time is UTC; CBR keeps no description and no update time.
 */
export function toPolicyRecord(policy: CbrPolicy, vaultsById: ReadonlyMap<string, CbrVault>): PolicyRecord {
  const { schedules, warnings: scheduleWarnings } = fromCbrPatterns(policy.trigger?.properties?.pattern ?? []);
  const { retention, warnings: retentionWarnings } = fromOperationDefinition(policy.operation_definition);
  const vaultIds = associatedVaultIds(policy);
  const resourceIds = vaultIds.flatMap((id) => (vaultsById.get(id)?.resources ?? []).map((r) => r.id));
  const warnings = [...scheduleWarnings, ...retentionWarnings];
  if (vaultIds.length > 1) warnings.push(`The policy is applied to ${vaultIds.length} vaults (${vaultIds.join(', ')}); vault names the first.`);
  const createdAt = toIsoUtc(policy.trigger?.properties?.start_time);
  return {
    nativeId: policy.id,
    name: policy.name,
    enabled: policy.enabled,
    schedules,
    retention,
    resourceNativeIds: [...new Set(resourceIds)].sort(),
    ...(vaultIds[0] !== undefined && { vaultNativeId: vaultIds[0] }),
    warnings,
    ...(createdAt !== undefined && { createdAt }),
    native: policy,
  };
}

/** The policy body CBR takes, plus what could not be said exactly; throws for what CBR cannot say at all. */
export function toCbrPolicyCreate(spec: PolicySpec, reference: Date): { policy: CbrPolicyCreate; warnings: string[] } {
  if (!POLICY_NAME.test(spec.name)) {
    throw ValidationFailedError.field('name', 'CBR policy names are 1 to 64 letters, digits, underscores or hyphens.');
  }
  const { patterns, warnings: scheduleWarnings } = toCbrPatterns(spec.schedules, reference);
  if (patterns.length === 0) throw ValidationFailedError.field('schedules', 'CBR policies need at least one schedule.');
  const zone = spec.schedules[0]?.timezone ?? 'UTC';
  const { definition, warnings: retentionWarnings } = toOperationDefinition(spec.retention, zone, reference);
  const warnings = [...scheduleWarnings, ...retentionWarnings];
  if (spec.description) warnings.push('CBR policies have no description; it is not stored.');
  return {
    policy: {
      name: spec.name,
      enabled: spec.enabled,
      operation_type: 'backup',
      operation_definition: definition,
      trigger: { properties: { pattern: patterns } },
    },
    warnings,
  };
}
