import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { ValidationFailedError, type FieldError } from '@backbridge/core';
import type { BackupProviderPlugin, JsonSchema } from '@backbridge/plugin-sdk';

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validator(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

function fieldErrors(prefix: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const extra =
      e.keyword === 'additionalProperties'
        ? (e.params as { additionalProperty: string }).additionalProperty
        : e.keyword === 'required'
          ? (e.params as { missingProperty: string }).missingProperty
          : '';
    const field = [prefix, path, extra].filter(Boolean).join('.');
    const message = e.keyword === 'additionalProperties' ? 'is not a known field' : e.keyword === 'required' ? 'is required' : (e.message ?? 'is not valid');
    return { field, message };
  });
}

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
  const errors: FieldError[] = [];
  const configValidator = validator(plugin.connectionSchema.config);
  if (!configValidator(config)) {
    errors.push(...fieldErrors('config', configValidator.errors));
  }
  if (credentials !== undefined) {
    const credentialsValidator = validator(plugin.connectionSchema.credentials);
    if (!credentialsValidator(credentials)) {
      errors.push(...fieldErrors('credentials', credentialsValidator.errors).map((e) => ({ field: e.field, message: e.message.replace(/"[^"]*"/g, '…') })));
    }
  }
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
