import { listenToEvents, type ReceivedEvent } from '../support/sse-client';
import { startTestGateway, waitForOperation, type ApiClient, type TestGateway } from '../support/test-gateway';
import { createTestPlugin } from '../support/test-plugin/test-plugin';
import { testVendorAt } from '../support/test-plugin/test-vendor';

const PROVIDER = 'test-events';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('GET /v1/events', () => {
  let gateway: TestGateway;
  let operator: ApiClient;
  let token: string;
  let connection: { id: string; endpoint: string };

  beforeAll(async () => {
    gateway = await startTestGateway({ plugins: [createTestPlugin(PROVIDER)] });
    operator = await gateway.as('operator');
    token = (await gateway.anonymous.post('/v1/auth/token', { apiKey: gateway.adminApiKey })).body.accessToken;
    connection = await gateway.connect(PROVIDER);
  });
  afterAll(() => gateway?.close());

  async function backupOnce(): Promise<string> {
    const resource = (await operator.get(`/v1/resources?connection=${connection.id}&pageSize=1`)).body.items[0];
    const started = await operator.post('/v1/backups', { resource: resource.id });
    expect(started.status).toBe(202);
    await waitForOperation(operator, started.body.id);
    return started.body.id;
  }

  it('streams an operation from created to finished, in id order', async () => {
    const events: ReceivedEvent[] = [];
    const stream = listenToEvents(gateway.gateway.url, token, events);
    await stream.ready;
    const id = await backupOnce();
    await until(() => events.some((e) => e.type === 'operation.finished' && e.data.id === id));
    stream.close();
    const mine = events.filter((e) => e.data.id === id);
    expect(mine[0]).toMatchObject({ type: 'operation.created', data: { status: 'pending', type: 'backup' } });
    expect(mine.map((e) => e.type)).toContain('operation.status_changed');
    expect(mine.at(-1)).toMatchObject({ type: 'operation.finished', data: { status: 'succeeded', done: true } });
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('resumes after Last-Event-ID with what was missed, and filters by type', async () => {
    const first: ReceivedEvent[] = [];
    const stream = listenToEvents(gateway.gateway.url, token, first);
    await stream.ready;
    const id = await backupOnce();
    await until(() => first.some((e) => e.type === 'operation.finished' && e.data.id === id));
    stream.close();
    const created = first.find((e) => e.type === 'operation.created' && e.data.id === id)!;

    const resumed: ReceivedEvent[] = [];
    const again = listenToEvents(gateway.gateway.url, token, resumed, { 'last-event-id': created.id }, '?types=operation.finished');
    await again.ready;
    await until(() => resumed.some((e) => e.data.id === id));
    again.close();
    expect(resumed.every((e) => e.type === 'operation.finished')).toBe(true);
    expect(resumed.every((e) => BigInt(e.id) > BigInt(created.id))).toBe(true);
    expect(resumed.find((e) => e.data.id === id)).toMatchObject({ data: { status: 'succeeded' } });
  });

  it('tells when a connection check changes its status', async () => {
    const events: ReceivedEvent[] = [];
    const stream = listenToEvents(gateway.gateway.url, token, events, {}, '?types=connection.status_changed');
    await stream.ready;
    testVendorAt(connection.endpoint).down = true;
    try {
      const tested = await gateway.admin.post(`/v1/connections/${connection.id}/test`);
      expect(tested.body.status.state).toBe('error');
      await until(() => events.some((e) => e.data.id === connection.id));
    } finally {
      testVendorAt(connection.endpoint).down = false;
      stream.close();
    }
    expect(events.find((e) => e.data.id === connection.id)).toMatchObject({ type: 'connection.status_changed', data: { previousState: 'ok', status: { state: 'error' } } });
  });

  it('answers 404 for a malformed or unknown operation id', async () => {
    for (const id of ['not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const answer = await operator.get(`/v1/operations/${id}`);
      expect({ id, status: answer.status, code: answer.body.code }).toEqual({ id, status: 404, code: 'not_found' });
      expect((await operator.post(`/v1/operations/${id}/cancel`)).status).toBe(404);
    }
  });

  it('refuses a malformed Last-Event-ID, an unknown type and a missing token', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const badId = await fetch(`${gateway.gateway.url}/v1/events`, { headers: { ...bearer, 'last-event-id': 'abc' } });
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as any).errors[0].field).toBe('Last-Event-ID');
    const badType = await fetch(`${gateway.gateway.url}/v1/events?types=operation.deleted`, { headers: bearer });
    expect(badType.status).toBe(400);
    expect((await fetch(`${gateway.gateway.url}/v1/events`)).status).toBe(401);
  });
});
