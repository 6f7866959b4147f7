import { ValidationFailedError } from '@backbridge/core';
import type { BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { schemaErrors } from '../common/json-schema';

/**
 * Checks a connection's `config` and `credentials` against the plugin's connectionSchema; unknown
 * keys are refused by the schemas (additionalProperties: false). Credentials never appear in the
 * messages, only their field names.
 */
export function validateConnectionInput(
  plugin: BackupProviderPlugin,
  config: Record<string, unknown>,
  credentials: Record<string, unknown> | undefined,
): void {
  const errors = [
    ...schemaErrors(plugin.connectionSchema.config, config, 'config'),
    ...(credentials === undefined ? [] : schemaErrors(plugin.connectionSchema.credentials, credentials, 'credentials')),
  ];
  if (errors.length) {
    throw new ValidationFailedError(
      `The ${plugin.id} connection is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      errors,
    );
  }
}

/** The credential kind, for display: the `type` discriminator when the schema has one. */
export function credentialsType(credentials: Record<string, unknown>): string {
  return typeof credentials.type === 'string' ? credentials.type : 'default';
}
