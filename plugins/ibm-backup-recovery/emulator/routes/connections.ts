import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, queryList, requireBody } from '../ibm-errors';

interface StoredConnection {
  connectionId: string;
  connectionName: string;
  connectorIds: string[];
}

interface StoredConnector {
  connectorId: string;
  connectorName: string;
  connectionId: string;
  clusterSideIp: string;
  tenantSideIp: string;
  softwareVersion: string;
}

/** Data-source connections (named sets of connectors) and the connectors in them. */
export function connectionRoutes(server: EmulatorServer, cluster: Cluster, tenantId: string): void {
  const connections = new Map<string, StoredConnection>([
    ['530243354208762051', { connectionId: '530243354208762051', connectionName: 'dc-east-connectors', connectorIds: ['7720191011'] }],
  ]);
  const connectors = new Map<string, StoredConnector>([
    ['7720191011', { connectorId: '7720191011', connectorName: 'connector-east-1', connectionId: '530243354208762051', clusterSideIp: '10.240.0.12', tenantSideIp: '10.20.0.5', softwareVersion: '7.1.2_u1' }],
  ]);
  let nextConnection = 530243354208762100n;
  const connectionView = (c: StoredConnection) => ({ ...c, tenantId });
  const connectorView = (c: StoredConnector) => ({
    ...c,
    connectivityStatus: { isConnected: true, lastConnectedTimestampSecs: Math.floor(cluster.clock.now() / 1000) - 30 },
    upgradeStatus: { status: 'Succeeded' },
  });
  const findConnection = (id: string) => {
    const connection = connections.get(id);
    if (!connection) throw ibmError('KEntityNotExistsError', `Data-source connection ${id} does not exist`);
    return connection;
  };
  const findConnector = (id: string) => {
    const connector = connectors.get(id);
    if (!connector) throw ibmError('KEntityNotExistsError', `Data-source connector ${id} does not exist`);
    return connector;
  };
  const requireName = (body: unknown, field: string): string => {
    const value = requireBody(body)[field];
    if (typeof value !== 'string' || value.trim() === '') throw ibmError('KValidationError', `request body has an error: ${field} is required`);
    return value;
  };

  server.route('GET', '/v2/data-source-connections', ({ query }) => {
    const ids = queryList(query, 'connectionIds');
    const names = queryList(query, 'connectionNames');
    const items = [...connections.values()].filter((c) => (ids.length === 0 || ids.includes(c.connectionId)) && (names.length === 0 || names.includes(c.connectionName)));
    return { status: 200, body: { connections: items.map(connectionView) } };
  });

  server.route('POST', '/v2/data-source-connections', ({ body }) => {
    const connectionName = requireName(body, 'connectionName');
    if ([...connections.values()].some((c) => c.connectionName === connectionName)) {
      throw ibmError('KDuplicateError', `Connection '${connectionName}' already exists in organization`);
    }
    nextConnection += 1n;
    const connection = { connectionId: String(nextConnection), connectionName, connectorIds: [] };
    connections.set(connection.connectionId, connection);
    return { status: 201, body: connectionView(connection) };
  });

  server.route('PATCH', '/v2/data-source-connections/:connectionId', ({ params, body }) => {
    const connection = findConnection(params.connectionId);
    connection.connectionName = requireName(body, 'connectionName');
    return { status: 200, body: connectionView(connection) };
  });

  server.route('DELETE', '/v2/data-source-connections/:connectionId', ({ params }) => {
    const connection = findConnection(params.connectionId);
    if (cluster.data.registrations.some((r) => r.connectionId === connection.connectionId)) {
      throw ibmError('KValidationError', `Connection ${connection.connectionId} is used by registered sources`);
    }
    connections.delete(connection.connectionId);
    return { status: 204 };
  });

  // The token is a bare JSON string.
  server.route('POST', '/v2/data-source-connections/:connectionId/registrationToken', ({ params }) => {
    const connection = findConnection(params.connectionId);
    const token = Buffer.from(`${connection.connectionId}:${cluster.clock.now()}`).toString('base64url');
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(token) };
  });

  server.route('GET', '/v2/data-source-connectors', ({ query }) => {
    const ids = queryList(query, 'connectorIds');
    const names = queryList(query, 'connectorNames');
    const connectionId = query.get('connectionId');
    const items = [...connectors.values()].filter(
      (c) => (ids.length === 0 || ids.includes(c.connectorId)) && (names.length === 0 || names.includes(c.connectorName)) && (connectionId === null || c.connectionId === connectionId),
    );
    return { status: 200, body: { connectors: items.map(connectorView) } };
  });

  server.route('GET', '/v2/data-source-connectors/metadata', () => ({
    status: 200,
    body: {
      connectorImageMetadata: { connectorImageFileList: [{ imageType: 'VSI', url: 'https://downloads.example.invalid/connector-7.1.2.qcow2' }] },
      k8sConnectorInfoList: [{ helmChartUrl: 'https://downloads.example.invalid/connector-7.1.2.tgz', imageUrl: 'icr.io/ibm-baas/connector:7.1.2' }],
    },
  }));

  server.route('PATCH', '/v2/data-source-connectors/:connectorId', ({ params, body }) => {
    const connector = findConnector(params.connectorId);
    connector.connectorName = requireName(body, 'connectorName');
    return { status: 200, body: connectorView(connector) };
  });

  server.route('DELETE', '/v2/data-source-connectors/:connectorId', ({ params }) => {
    const connector = findConnector(params.connectorId);
    connectors.delete(connector.connectorId);
    const connection = connections.get(connector.connectionId);
    if (connection) connection.connectorIds = connection.connectorIds.filter((id) => id !== connector.connectorId);
    return { status: 204 };
  });
}
