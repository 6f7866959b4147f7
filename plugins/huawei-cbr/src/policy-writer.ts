import { ConflictError, ValidationFailedError, type PolicyRecord, type PolicySpec } from '@backbridge/core';
import type { PolicyTranslation } from '@backbridge/plugin-sdk';
import type { CbrClient } from './client/cbr-client';
import type { CbrPolicy } from './dto/policy.dto';
import type { CbrVault } from './dto/vault.dto';
import { associatedVaultIds, toCbrPolicyCreate, toPolicyRecord } from './mappers/policy.mapper';

/**
 * Writes unified policies as CBR policies applied to vaults. A CBR policy protects whole vaults, and
 * each resource lives in exactly one vault, so "the policy's resources" become "the vaults that hold
 * them". Resources never move and never leave a vault here: `removeresources` would delete their
 * backups, so unprotecting a resource means taking the policy off its vault (dissociatepolicy).
 */
export class PolicyWriter {
  constructor(
    private readonly cbr: CbrClient,
    private readonly now: () => Date,
  ) {}

  translate(spec: PolicySpec): PolicyTranslation {
    const { policy, warnings } = toCbrPolicyCreate(spec, this.now());
    return { translation: { policy }, warnings };
  }

  async create(spec: PolicySpec): Promise<PolicyRecord> {
    const { policy: body, warnings } = toCbrPolicyCreate(spec, this.now());
    const { vaults, warnings: bindingWarnings } = await this.targetVaults(spec, undefined);
    const created = await this.cbr.createPolicy(body);
    try {
      for (const vault of vaults) await this.cbr.associatePolicy(vault.id, created.id);
    } catch (error) {
      // Leave nothing half-made behind: the policy is useless without its vaults.
      await this.cbr.deletePolicy(created.id).catch(() => undefined);
      throw error;
    }
    return this.reread(created.id, [...warnings, ...bindingWarnings]);
  }

  async update(policyId: string, spec: PolicySpec): Promise<PolicyRecord> {
    const current = await this.cbr.getPolicy(policyId);
    const { policy: body, warnings } = toCbrPolicyCreate(spec, this.now());
    const { vaults, warnings: bindingWarnings } = await this.targetVaults(spec, policyId);
    const { operation_type: _type, ...update } = body;
    await this.cbr.updatePolicy(policyId, update);
    const wanted = new Set(vaults.map((v) => v.id));
    const bound = new Set(associatedVaultIds(current));
    for (const vault of vaults) if (!bound.has(vault.id)) await this.cbr.associatePolicy(vault.id, policyId);
    for (const vaultId of bound) if (!wanted.has(vaultId)) await this.cbr.dissociatePolicy(vaultId, policyId);
    return this.reread(policyId, [...warnings, ...bindingWarnings]);
  }

  /** Takes the policy off its vaults first; the backups it made stay. */
  async delete(policyId: string): Promise<void> {
    const policy = await this.cbr.getPolicy(policyId);
    for (const vaultId of associatedVaultIds(policy)) await this.cbr.dissociatePolicy(vaultId, policyId);
    await this.cbr.deletePolicy(policyId);
  }

  /** The vaults holding the spec's resources (plus its vault), each free of any other backup policy. */
  private async targetVaults(spec: PolicySpec, policyId: string | undefined): Promise<{ vaults: CbrVault[]; warnings: string[] }> {
    const all = await this.cbr.allVaults();
    const vaultOfResource = new Map(all.flatMap((vault) => vault.resources.map((r) => [r.id, vault] as const)));
    const chosen = new Map<string, CbrVault>();
    const errors = spec.resourceNativeIds.flatMap((id, i) => {
      const vault = vaultOfResource.get(id);
      if (vault) chosen.set(vault.id, vault);
      return vault ? [] : [{ field: `resources[${i}]`, message: `resource ${id} is in no CBR vault; add it to a vault first (CBR protects only vault members).` }];
    });
    if (spec.vaultNativeId !== undefined) {
      const vault = all.find((v) => v.id === spec.vaultNativeId);
      if (vault) chosen.set(vault.id, vault);
      else errors.push({ field: 'vault', message: `vault ${spec.vaultNativeId} does not exist.` });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors.map((e) => `${e.field}: ${e.message}`).join(' '), errors);

    const policies = await this.cbr.listPolicies({ operation_type: 'backup' });
    const warnings: string[] = [];
    for (const vault of chosen.values()) {
      const other = policies.find((p: CbrPolicy) => p.id !== policyId && associatedVaultIds(p).includes(vault.id));
      if (other) throw new ConflictError(`Vault ${vault.name} (${vault.id}) already has backup policy ${other.name} (${other.id}); CBR applies one backup policy per vault.`);
      const extra = vault.resources.map((r) => r.id).filter((id) => !spec.resourceNativeIds.includes(id));
      if (extra.length > 0) warnings.push(`CBR protects whole vaults: ${extra.join(', ')} in vault ${vault.name} are covered by this policy too.`);
    }
    return { vaults: [...chosen.values()], warnings };
  }

  private async reread(policyId: string, warnings: string[]): Promise<PolicyRecord> {
    const policy = await this.cbr.getPolicy(policyId);
    const vaults = await Promise.all(associatedVaultIds(policy).map((id) => this.cbr.getVault(id)));
    const record = toPolicyRecord(policy, new Map(vaults.map((v) => [v.id, v])));
    return { ...record, warnings: [...new Set([...warnings, ...record.warnings])] };
  }
}
