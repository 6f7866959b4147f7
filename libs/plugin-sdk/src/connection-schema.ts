/** A JSON Schema (draft 2020-12 subset that ajv understands) as a plain object. */
export type JsonSchema = Record<string, unknown>;

/**
 * How a connection to this vendor is described. `config` is stored in clear; `credentials` are
 * sealed at rest and never returned. `credentials` is a schema whose objects carry a `type`
 * discriminator when the vendor accepts several kinds (e.g. token or access keys).
 */
export interface ConnectionSchema {
  /** What `endpoint` means for this vendor, shown in the API docs. */
  endpoint: { description: string; example: string };
  config: JsonSchema;
  credentials: JsonSchema;
}
