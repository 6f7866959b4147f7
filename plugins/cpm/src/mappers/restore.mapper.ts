import type { RestoreOptionsSchema, RestoreTarget } from '@backbridge/plugin-sdk';
import type { CpmTargetFamily } from '../dto/cpm-dto';

/**
 * Restore options per family, as the unified `options` (camelCase) and the CPM recover body field
 * each one fills (§7.27, §7.31, §7.40, §7.51, §7.55, §7.59, §7.63). CPM always recovers into a new
 * object; databases, tables and clusters take its name from `target.name` (CPM requires one).
 */

type JsonSchema = Record<string, unknown>;
interface OptionField {
  field: string;
  schema: JsonSchema;
}

const text = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });
const flag = (description: string, byDefault?: boolean): JsonSchema => ({ type: 'boolean', description, ...(byDefault !== undefined && { default: byDefault }) });
const whole = (description: string, minimum = 0): JsonSchema => ({ type: 'integer', minimum, description });

const preserveTags = { field: 'preserve_tags', schema: flag('Give the new object the tags (e.g. Name) the original had at backup time.', true) };
const zone = { field: 'zone', schema: text('Availability zone of the new object; default: that of the original.') };
const subnetGroupName = { field: 'subnet_group_name', schema: text('Subnet group to restore into; default: that of the original.') };
const port = { field: 'port', schema: whole('Port the new database accepts connections on.', 1) };
const publiclyAccessible = { field: 'publicly_accessible', schema: flag('Whether the new database is publicly accessible.') };
const dbInstanceClass = { field: 'db_instance_class', schema: text('Compute and memory capacity of the new DB instance (e.g. db.m5.large).') };

export const RESTORE_OPTIONS: Record<CpmTargetFamily, Record<string, OptionField>> = {
  instances: { preserveTags, instanceType: { field: 'instance_type', schema: text('EC2 instance type of the new instance; default: that of the original.') } },
  volumes: { preserveTags, zone },
  rds_databases: {
    dbInstanceClass,
    zone,
    subnetGroupName,
    port,
    publiclyAccessible,
    multiAz: { field: 'multi_az', schema: flag('Launch the new database in a multi-AZ configuration.') },
    storageType: { field: 'storage_type', schema: { enum: ['standard', 'io1', 'gp2'], description: 'standard (Magnetic), io1 (Provisioned IOPS SSD) or gp2 (General Purpose SSD).' } },
    iops: { field: 'iops', schema: whole('Provisioned IOPS; CPM uses 0 unless storageType is io1.') },
  },
  rds_clusters: {
    instanceName: { field: 'aws_dbinstance_id', schema: text('Identifier of the new cluster’s DB instance; default: the cluster name followed by "-instance-1".') },
    dbInstanceClass,
    zone,
    subnetGroupName,
  },
  dynamodb_tables: {},
  redshift_clusters: { zone, subnetGroupName, port, publiclyAccessible },
  efs: {
    preserveTags,
    performanceMode: { field: 'performance_mode', schema: { enum: ['generalPurpose', 'maxIO'], description: 'Performance mode of the new file system.' } },
    encryptionKey: { field: 'encryption_key', schema: text('ARN of the KMS key that encrypts the new file system.') },
    iamRoleArn: { field: 'iam_role_arn', schema: text('IAM role AWS Backup restores with.') },
  },
};

/** The families whose recover body requires the new object's name (§7.27: aws_resource_name; §7.51, §7.55, §7.59: aws_resource_id). */
const NAME_FIELD: Partial<Record<CpmTargetFamily, string>> = {
  rds_databases: 'aws_resource_id',
  rds_clusters: 'aws_resource_id',
  redshift_clusters: 'aws_resource_id',
  dynamodb_tables: 'aws_resource_name',
};

/** AWS naming rules of the new object: RDS and Redshift identifiers, DynamoDB table names. */
const NAME_SCHEMA: Partial<Record<CpmTargetFamily, JsonSchema>> = {
  rds_databases: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]{0,62}$', description: 'Identifier of the new DB instance; default: the original’s followed by "-r<time>".' },
  rds_clusters: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]{0,62}$', description: 'Identifier of the new DB cluster; default: the original’s followed by "-r<time>".' },
  redshift_clusters: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$', description: 'Identifier of the new cluster (lowercase); default: the original’s followed by "-r<time>".' },
  dynamodb_tables: { type: 'string', pattern: '^[A-Za-z0-9_.-]{3,255}$', description: 'Name of the new table; default: the original’s followed by "-r<time>".' },
};

export function restoreOptionsSchema(family: CpmTargetFamily): RestoreOptionsSchema {
  const nameSchema = NAME_SCHEMA[family];
  const properties = Object.fromEntries(Object.entries(RESTORE_OPTIONS[family]).map(([name, option]) => [name, option.schema]));
  return {
    // CPM always recovers into a new object (EFS could recover in place, but restores.original is one flag for every type).
    target: { type: 'object', properties: { mode: { enum: ['alternate'] }, ...(nameSchema && { name: nameSchema }) }, required: ['mode'], additionalProperties: false },
    options: { type: 'object', properties, additionalProperties: false },
  };
}

/** A default name for the new object that AWS will not have yet: the original's, a dash, "r" and the time in base 36. */
export function defaultRestoreName(original: string, now: number, lowercase = false): string {
  const suffix = `-r${now.toString(36)}`;
  const base = (lowercase ? original.toLowerCase() : original).slice(0, 63 - suffix.length);
  return `${base}${suffix}`;
}

/**
 * The CPM recover body of a family from the unified target and options: each option whose value has
 * the declared type goes to its CPM field; databases, tables and clusters get their new name.
 */
export function toRecoverBody(family: CpmTargetFamily, target: RestoreTarget, options: Record<string, unknown>, original: string, now: number): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(RESTORE_OPTIONS[family])) {
    const value = options[name] ?? option.schema.default;
    if (value !== undefined && fits(option.schema, value)) body[option.field] = value;
  }
  const nameField = NAME_FIELD[family];
  if (nameField) {
    const named = target.mode === 'alternate' && typeof target.name === 'string' && target.name !== '' ? target.name : undefined;
    body[nameField] = named ?? defaultRestoreName(original, now, family === 'redshift_clusters');
  }
  if (family === 'rds_clusters' && body.aws_dbinstance_id === undefined) body.aws_dbinstance_id = `${String(body.aws_resource_id).slice(0, 52)}-instance-1`;
  // Always a new file system: the unified restore to the original is not offered per type.
  if (family === 'efs') body.target_efs = 'N';
  return body;
}

function fits(schema: JsonSchema, value: unknown): boolean {
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  if (schema.type === 'integer') return Number.isInteger(value);
  return typeof value === schema.type;
}
