import { EmulatorReply, EmulatorServer } from './emulator-server';

describe('EmulatorServer', () => {
  let server: EmulatorServer;
  let url: string;

  beforeEach(async () => {
    server = new EmulatorServer({ name: 'test', errorBody: (status, message) => ({ status, message }) });
    server.use((request) => (request.headers.authorization === 'Bearer ok' ? undefined : { status: 401, body: { message: 'no' } }));
    server.route('POST', '/token/', () => ({ status: 200, body: { token: 'ok' } }), { public: true });
    server.route('GET', '/items/:id/', (request) => {
      if (request.params.id === 'missing') throw new EmulatorReply({ status: 404, body: { message: 'gone' } });
      return { status: 200, body: { id: request.params.id, q: request.query.get('q') } };
    });
    url = await server.listen();
  });
  afterEach(() => server.close());

  const get = (path: string, auth = 'Bearer ok') => fetch(url + path, { headers: { authorization: auth } });

  it('routes with path parameters and query strings, behind middleware', async () => {
    const ok = await get('/items/a%3Ab/?q=1');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: 'a:b', q: '1' });
    expect((await get('/items/x/', 'Bearer no')).status).toBe(401);
    expect((await fetch(url + '/token/', { method: 'POST' })).status).toBe(200);
  });

  it('answers unknown paths 404 and wrong methods 405 with the vendor body', async () => {
    const missing = await get('/nothing/');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ status: 404, message: 'No such path: /nothing/' });
    expect((await fetch(url + '/items/x/', { method: 'DELETE' })).status).toBe(405);
    expect((await get('/items/missing/')).status).toBe(404);
  });

  it('injects errors, 429 with Retry-After and latency, and can switch them off', async () => {
    server.faults.set({ rateLimitEvery: 2, rateLimitRetryAfterSeconds: 7 });
    expect((await get('/items/x/')).status).toBe(200);
    const limited = await get('/items/x/');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    server.faults.set({ errorRate: 1, errorStatus: 502 });
    expect((await get('/items/x/')).status).toBe(502);
    server.faults.set({ latencyMs: 60 });
    const started = Date.now();
    expect((await get('/items/x/')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    server.faults.set({});
    expect((await get('/items/x/')).status).toBe(200);
  });

  it('records what it received', async () => {
    await get('/items/y/?q=2');
    expect(server.received.at(-1)).toMatchObject({ method: 'GET', url: '/items/y/?q=2' });
  });
});
