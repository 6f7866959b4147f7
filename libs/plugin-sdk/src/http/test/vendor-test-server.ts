import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake vendor received. */
export interface ReceivedRequest {
  method: string;
  /** Path plus raw query string, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Date.now() when the request arrived. */
  receivedAt: number;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Strings are sent raw; anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering (to test timeouts and concurrency). */
  delayMs?: number;
}

/** Decides the answer to the n-th request (0-based). */
export type Responder = (request: ReceivedRequest, index: number) => ScriptedResponse;

/** A real HTTP server on 127.0.0.1 that plays a vendor from a script and records what it saw. */
export class VendorTestServer {
  readonly requests: ReceivedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private responder: Responder = () => ({ status: 200, body: {} });

  private constructor(private readonly server: Server) {}

  static async start(): Promise<VendorTestServer> {
    const server = createServer();
    const vendor = new VendorTestServer(server);
    server.on('request', (request, response) => void vendor.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return vendor;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  respond(responder: Responder): void {
    this.responder = responder;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const received: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      this.requests.push(received);
      const scripted = this.responder(received, this.requests.length - 1);
      if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      if (response.destroyed) return;
      const isText = typeof scripted.body === 'string';
      const body = scripted.body === undefined ? '' : isText ? (scripted.body as string) : JSON.stringify(scripted.body);
      const headers = { ...(scripted.body !== undefined && !isText && { 'content-type': 'application/json' }), ...scripted.headers };
      response.writeHead(scripted.status ?? 200, headers);
      response.end(body);
    } finally {
      this.inFlight--;
    }
  }
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
