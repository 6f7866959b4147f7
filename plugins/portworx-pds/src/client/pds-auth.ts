import type { VendorAuth, VendorHttpClient, VendorRequestToSign } from '@backbridge/plugin-sdk';
import type { PdsGeneratedToken } from '../dto/common.dto';

export type PdsCredentials = { type: 'apiKey'; apiKey: string } | { type: 'serviceIdentity'; clientId: string; clientToken: string };

/** Tokens are renewed this long before `valid_for` runs out. */
const RENEW_EARLY_MS = 60_000;
/** Used when `valid_for` cannot be read (its format is undocumented). */
const FALLBACK_VALIDITY_MS = 15 * 60_000;

/** `ApiKeyAuth`: `Authorization: Bearer <API key or service-identity token>`. */
export class PdsAuth implements VendorAuth {
  private token?: { value: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly credentials: PdsCredentials,
    /** A client without auth, for the unauthenticated token endpoint. */
    private readonly tokenClient: VendorHttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(request: VendorRequestToSign): Promise<void> {
    const bearer = this.credentials.type === 'apiKey' ? this.credentials.apiKey : await this.serviceIdentityToken();
    request.headers.Authorization = `Bearer ${bearer}`;
  }

  invalidate(): void {
    this.token = undefined;
  }

  private async serviceIdentityToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    // One exchange at a time: concurrent calls share it.
    this.pending ??= this.exchange().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async exchange(): Promise<string> {
    const { clientId, clientToken } = this.credentials as Extract<PdsCredentials, { type: 'serviceIdentity' }>;
    const issuedAt = this.now();
    const { data } = await this.tokenClient.post<PdsGeneratedToken>(
      '/service-identity/generate-token',
      { client_id: clientId, client_token: clientToken },
      // Issuing a token changes nothing at PDS: safe to repeat on a 5xx or 429.
      { operation: 'generateToken', idempotent: true },
    );
    const validMs = parseGoDuration(data.valid_for) ?? FALLBACK_VALIDITY_MS;
    this.token = { value: data.token, renewAt: issuedAt + Math.max(validMs - RENEW_EARLY_MS, validMs / 2) };
    return data.token;
  }
}

/** A Go duration string ("24h0m0s", "90m", "1h30m15.5s") in milliseconds; undefined when unreadable. */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (!text || !/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(text)) return undefined;
  const unit = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
  let total = 0;
  for (const [, amount, , name] of text.matchAll(/(\d+(\.\d+)?)(ms|h|m|s)/g)) total += Number(amount) * unit[name as keyof typeof unit];
  return total > 0 ? total : undefined;
}
