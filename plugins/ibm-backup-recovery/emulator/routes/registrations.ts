import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, isRecord, queryList, requireBody, requireInt64 } from '../ibm-errors';
import type { StoredRegistration } from '../model';

/**
 * `connectionId` is an int64 that outgrows 2^53 (530243354208762051); JSON.stringify cannot write
 * it as a number, so the body is written as text with the digits in place.
 */
function registrationsJson(value: unknown): string {
  return JSON.stringify(value).replace(/"connectionId":"(\d+)"/g, '"connectionId":$1');
}

export function registrationRoutes(server: EmulatorServer, cluster: Cluster): void {
  const view = (r: StoredRegistration) => {
    const object = cluster.object(r.sourceId);
    return {
      id: r.id,
      sourceId: r.sourceId,
      sourceInfo: object && cluster.objectView(object),
      environment: r.environment,
      name: r.name,
      connectionId: r.connectionId,
      authenticationStatus: 'Finished',
      registrationTimeMsecs: r.registrationTimeMsecs,
      lastRefreshedTimeMsecs: r.registrationTimeMsecs,
      physicalParams: r.physicalParams,
    };
  };
  const json = { 'content-type': 'application/json' };

  server.route('GET', '/v2/data-protect/sources/registrations', ({ query }) => {
    const ids = queryList(query, 'ids').map((id) => requireInt64(id, 'ids'));
    const items = cluster.data.registrations.filter((r) => ids.length === 0 || ids.includes(r.id)).map(view);
    return { status: 200, headers: json, body: registrationsJson({ registrations: items }) };
  });

  const find = (text: string) => {
    const id = requireInt64(text, 'Registration id');
    const registration = cluster.data.registrations.find((r) => r.id === id);
    if (!registration) throw ibmError('KEntityNotExistsError', `Registration ${id} does not exist`);
    return registration;
  };

  /** A registration body: environment (req) and, for kPhysical, physicalParams.endpoint (req). */
  const validate = (body: unknown): Record<string, unknown> => {
    const request = requireBody(body);
    if (request.environment !== 'kPhysical' && request.environment !== 'kSQL') throw ibmError('KValidationError', 'request body has an error: environment must be kPhysical or kSQL');
    if (request.environment === 'kPhysical' && !(isRecord(request.physicalParams) && typeof request.physicalParams.endpoint === 'string')) {
      throw ibmError('KValidationError', 'request body has an error: physicalParams.endpoint is required');
    }
    return request;
  };

  server.route('GET', '/v2/data-protect/sources/registrations/:id', ({ params }) => ({ status: 200, headers: json, body: registrationsJson(view(find(params.id))) }));

  server.route('POST', '/v2/data-protect/sources/registrations', ({ body }) => {
    const request = validate(body);
    const physical = (request.physicalParams ?? {}) as Record<string, unknown>;
    const name = typeof request.name === 'string' ? request.name : String(physical.endpoint);
    if (cluster.data.registrations.some((r) => r.name === name)) throw ibmError('KDuplicateError', `Source '${name}' is already registered`);
    const id = Math.max(100, ...cluster.data.registrations.map((r) => r.id)) + 1;
    const registration: StoredRegistration = {
      id,
      sourceId: id,
      name,
      environment: request.environment as 'kPhysical' | 'kSQL',
      // Clients send the int64 as a number; JSON.parse may have rounded it, which is the client's loss.
      connectionId: request.connectionId === undefined ? '0' : String(request.connectionId),
      registrationTimeMsecs: cluster.clock.now(),
      physicalParams: physical,
    };
    cluster.data.registrations.push(registration);
    return { status: 201, headers: json, body: registrationsJson(view(registration)) };
  });

  server.route('PUT', '/v2/data-protect/sources/registrations/:id', ({ params, body }) => {
    const registration = find(params.id);
    const request = validate(body);
    if (typeof request.name === 'string') registration.name = request.name;
    if (isRecord(request.physicalParams)) registration.physicalParams = request.physicalParams;
    return { status: 200, headers: json, body: registrationsJson(view(registration)) };
  });

  server.route('PATCH', '/v2/data-protect/sources/registrations/:id', ({ params, body }) => {
    const registration = find(params.id);
    const request = requireBody(body);
    // "Currently the only environment supported is kCassandra".
    if (request.environment !== 'kCassandra') throw ibmError('KValidationError', 'request body has an error: environment must be kCassandra');
    return { status: 200, headers: json, body: registrationsJson(view(registration)) };
  });

  server.route('DELETE', '/v2/data-protect/sources/registrations/:id', ({ params }) => {
    const registration = find(params.id);
    cluster.data.registrations.splice(cluster.data.registrations.indexOf(registration), 1);
    return { status: 204 };
  });

  server.route('POST', '/v2/data-protect/sources/:id/refresh', ({ params }) => {
    const sourceId = requireInt64(params.id, 'Source id');
    const registration = cluster.data.registrations.find((r) => r.sourceId === sourceId);
    if (!registration) throw ibmError('KEntityNotExistsError', `Protection Source ${sourceId} does not exist`);
    return { status: 204 };
  });
}
