import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldError } from '@backbridge/core';

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
/** Compiled by schema text: plugins may hand out a fresh but equal schema object on every call. */
const compiled = new Map<string, ValidateFunction>();

function validator(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(key, fn);
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
 * Checks `value` against a plugin-supplied JSON Schema (filling in its defaults); returns one
 * error per field, named from `prefix` (e.g. `options.powerOn`). Messages never quote values.
 */
export function schemaErrors(schema: Record<string, unknown>, value: unknown, prefix: string): FieldError[] {
  const validate = validator(schema);
  return validate(value) ? [] : fieldErrors(prefix, validate.errors).map((e) => ({ field: e.field, message: e.message.replace(/"[^"]*"/g, '…') }));
}
