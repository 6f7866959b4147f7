import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan, type FaultOptions } from './faults';

/** A request as a route handler sees it. */
export interface EmulatorRequest {
  method: string;
  /** The path without the query string, exactly as sent (not decoded). */
  path: string;
  /** Path parameters from the route pattern, URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /** `rawBody` parsed as JSON when it is JSON; `undefined` when empty; the `InvalidJson` marker when unparseable. */
  body: unknown;
  /** Set by middleware (for example the authenticated principal). */
  locals: Record<string, unknown>;
}

/** A response to send. Strings and Buffers go out raw; anything else as JSON. */
export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers to answer at once (an error body, usually). */
export class EmulatorReply extends Error {
  constructor(readonly response: EmulatorResponse) {
    super(`emulator reply ${response.status}`);
  }
}

export const InvalidJson = Symbol('invalid-json');

export type RouteHandler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;
/** Runs before the route handler; returns a response to stop there, or nothing to go on. */
export type Middleware = (request: EmulatorRequest) => EmulatorResponse | void | Promise<EmulatorResponse | void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
  /** Routes registered with `{ public: true }` skip middleware (e.g. the token endpoint). */
  isPublic: boolean;
}

export interface EmulatorServerOptions {
  /** For logs and error messages. */
  name: string;
  faults?: FaultOptions;
  /** The vendor's body for an injected 5xx or 429, and for an unknown route / unhandled error. */
  errorBody(status: number, message: string): unknown;
  /** Extra headers on every response (e.g. a vendor request id). */
  headers?(request: EmulatorRequest): Record<string, string>;
}

/**
 * A small HTTP server for vendor emulators on node:http: routes with `:param` segments, JSON bodies,
 * middleware for auth, and fault injection. Written on node:http rather than a web framework so
 * that every status, header and error body is the vendor's, not the framework's.
 */
export class EmulatorServer {
  readonly faults: FaultPlan;
  /** Every request received, for tests that assert what the plugin sent. */
  readonly received: { method: string; url: string; headers: Record<string, string | undefined>; body: string }[] = [];
  private readonly routes: Route[] = [];
  private readonly middleware: Middleware[] = [];
  private server?: Server;

  constructor(private readonly options: EmulatorServerOptions) {
    this.faults = new FaultPlan(options.faults);
  }

  use(middleware: Middleware): this {
    this.middleware.push(middleware);
    return this;
  }

  /** `pattern` is a literal path with `:name` segments, e.g. `/api/policies/:id/`. */
  route(method: string, pattern: string, handler: RouteHandler, options: { public?: boolean } = {}): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler, isPublic: options.public ?? false });
    return this;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error(`${this.options.name} emulator is not listening`);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    // A wildcard listener is reachable on loopback; name that rather than 0.0.0.0.
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const rawBody = await readBody(incoming);
    const url = new URL(incoming.url ?? '/', 'http://emulator');
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.received.push({ method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers, body: rawBody.toString('utf8') });
    if (this.received.length > 10_000) this.received.splice(0, 5_000);
    const request: EmulatorRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      params: {},
      query: url.searchParams,
      headers,
      rawBody,
      body: parseBody(rawBody),
      locals: {},
    };
    const { latencyMs = 0, slowBodyMs = 0 } = this.faults.current;
    let response: EmulatorResponse;
    try {
      if (latencyMs > 0) await sleep(latencyMs);
      response = await this.respond(request);
    } catch (error) {
      response =
        error instanceof EmulatorReply
          ? error.response
          : { status: 500, body: this.options.errorBody(500, error instanceof Error ? error.message : String(error)) };
    }
    await send(outgoing, { ...response, headers: { ...this.options.headers?.(request), ...response.headers } }, slowBodyMs);
  }

  private async respond(request: EmulatorRequest): Promise<EmulatorResponse> {
    const fault = this.faults.next();
    if (fault.kind === 'rate-limit') {
      return {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfterSeconds) },
        body: this.options.errorBody(429, 'Too many requests'),
      };
    }
    if (fault.kind === 'error') {
      return { status: fault.status, body: this.options.errorBody(fault.status, 'Injected fault') };
    }
    const matches = this.routes.filter((r) => r.pattern.test(request.path));
    if (matches.length === 0) {
      return { status: 404, body: this.options.errorBody(404, `No such path: ${request.path}`) };
    }
    const route = matches.find((r) => r.method === request.method);
    if (!route) {
      return {
        status: 405,
        headers: { allow: [...new Set(matches.map((r) => r.method))].join(', ') },
        body: this.options.errorBody(405, `Method "${request.method}" not allowed.`),
      };
    }
    const values = route.pattern.exec(request.path)!.slice(1);
    route.names.forEach((name, i) => (request.params[name] = decodeURIComponent(values[i])));
    if (!route.isPublic) {
      for (const step of this.middleware) {
        const stopped = await step(request);
        if (stopped) return stopped;
      }
    }
    return route.handler(request);
  }
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return InvalidJson;
  }
}

async function send(outgoing: ServerResponse, response: EmulatorResponse, slowBodyMs: number): Promise<void> {
  const isRaw = typeof response.body === 'string' || Buffer.isBuffer(response.body);
  const payload = response.body === undefined ? undefined : isRaw ? (response.body as string | Buffer) : JSON.stringify(response.body);
  const headers: Record<string, string> = { ...response.headers };
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = isRaw ? 'text/plain; charset=utf-8' : 'application/json';
  }
  outgoing.writeHead(response.status, headers);
  if (payload === undefined) {
    outgoing.end();
    return;
  }
  if (slowBodyMs > 0) {
    outgoing.flushHeaders();
    await sleep(slowBodyMs);
  }
  if (!outgoing.destroyed) outgoing.end(payload);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
