import type { CbrOffsetPage, CbrResourceType } from './cbr-common.dto';

/** ResourceResp: a resource bound to a vault (seed §4.4.2). */
export interface CbrVaultResource {
  id: string;
  name?: string | null;
  protect_status?: 'available' | 'error' | 'protecting' | 'restoring' | 'removing';
  size?: number;
  type: CbrResourceType;
  backup_size?: number;
  backup_count?: number;
  extra_info?: { exclude_volumes?: string[] } | null;
}

export interface CbrBilling {
  allocated?: number;
  charging_mode?: string;
  cloud_type?: string;
  consistent_level?: string;
  object_type: 'server' | 'disk' | 'turbo';
  order_id?: string | null;
  product_id?: string | null;
  protect_type?: string;
  /** GB. */
  size: number;
  spec_code?: string;
  status?: 'available' | 'lock' | 'frozen' | 'deleting' | 'error';
  storage_unit?: string | null;
  /** MB. */
  used: number;
  frozen_scene?: string | null;
}

export interface CbrVault {
  id: string;
  name: string;
  description?: string | null;
  billing: CbrBilling;
  project_id?: string;
  provider_id?: string;
  resources: CbrVaultResource[];
  tags?: { key: string; value: string | null }[];
  auto_bind?: boolean;
  bind_rules?: unknown;
  user_id?: string;
  created_at?: string;
  auto_expand?: boolean;
  enterprise_project_id?: string;
}

export interface CbrVaultList extends CbrOffsetPage {
  vaults: CbrVault[];
}

export interface CbrVaultShow {
  vault: CbrVault;
}
