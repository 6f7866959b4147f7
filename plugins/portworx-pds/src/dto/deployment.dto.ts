/** `models.Deployment` (API 121). Nothing in it names the backup policy attached to it. */
export interface PdsDeployment {
  id: string;
  name: string;
  cluster_resource_name?: string;
  account_id?: string;
  tenant_id?: string;
  project_id?: string;
  deployment_target_id?: string;
  namespace_id?: string;
  data_service_id?: string;
  version_id?: string;
  image_id?: string;
  node_count?: number;
  service_type?: string;
  state?: 'created' | 'pending' | 'failed';
  restore_id?: string;
  created_at?: string;
  updated_at?: string;
}

/** `PUT /api/deployments/{id}` body part that attaches (or, both null, detaches) a policy. */
export interface PdsScheduledBackup {
  backup_policy_id: string | null;
  backup_target_id: string | null;
}
