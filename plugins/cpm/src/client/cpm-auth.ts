import { VendorUnauthorizedError, type VendorAuth, type VendorHttpClient, type VendorRequestToSign } from '@backbridge/plugin-sdk';
import type { CpmTokenPair } from '../dto/cpm-dto';

/** Access tokens live 1 h by default (§1.2); renew a little before, so that a call rarely meets an expired one. */
const ACCESS_RENEW_AFTER_MS = 55 * 60_000;
/** Refresh tokens live 24 h by default; after that only the API key gets new tokens. */
const REFRESH_RENEW_AFTER_MS = 23 * 3_600_000;

interface Held {
  access?: { value: string; obtainedAt: number };
  refresh?: { value: string; obtainedAt: number };
}

/**
 * CPM's token flow: the API key buys an access + refresh pair (POST /api/token/obtain/api_key/);
 * the refresh token buys new access tokens (POST /api/token/refresh/) until it expires, then the key
 * is used again. A 401 on a call drops the access token (the SDK client then authorizes and retries once).
 */
export class CpmAuth implements VendorAuth {
  private held: Held = {};
  private pending?: Promise<string>;

  constructor(
    /** A client without auth, for the two token endpoints. */
    private readonly tokenClient: VendorHttpClient,
    private readonly apiKey: string,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(request: VendorRequestToSign): Promise<void> {
    request.headers.Authorization = `Bearer ${await this.accessToken()}`;
  }

  invalidate(): void {
    this.held.access = undefined;
  }

  private accessToken(): Promise<string> {
    const access = this.held.access;
    if (access && this.now() - access.obtainedAt < ACCESS_RENEW_AFTER_MS) return Promise.resolve(access.value);
    // Concurrent calls share one token request.
    this.pending ??= this.renew().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async renew(): Promise<string> {
    const refresh = this.held.refresh;
    if (refresh && this.now() - refresh.obtainedAt < REFRESH_RENEW_AFTER_MS) {
      try {
        return await this.refreshWith(refresh.value);
      } catch (error) {
        // An expired or revoked refresh token: fall back to the API key below; anything else is a real failure.
        if (!(error instanceof VendorUnauthorizedError)) throw error;
        this.held.refresh = undefined;
      }
    }
    return this.obtain();
  }

  private async refreshWith(refresh: string): Promise<string> {
    // A token request changes nothing at CPM but the tokens it hands out: safe to repeat on a 5xx or 429.
    const { data } = await this.tokenClient.post<CpmTokenPair>('api/token/refresh/', { refresh }, { operation: 'refreshToken', idempotent: true });
    if (!data?.access) throw new VendorUnauthorizedError('CPM answered the token refresh without an access token.');
    this.held.access = { value: data.access, obtainedAt: this.now() };
    return data.access;
  }

  private async obtain(): Promise<string> {
    const { data } = await this.tokenClient.post<CpmTokenPair>('api/token/obtain/api_key/', { api_key: this.apiKey }, { operation: 'obtainToken', idempotent: true });
    if (!data?.access || !data.refresh) throw new VendorUnauthorizedError('CPM answered the API key without an access and a refresh token.');
    const obtainedAt = this.now();
    this.held = { access: { value: data.access, obtainedAt }, refresh: { value: data.refresh, obtainedAt } };
    return data.access;
  }
}
