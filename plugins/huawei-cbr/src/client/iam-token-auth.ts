import axios from 'axios';
import { isTransientStatus, retryTransient, VendorUnauthorizedError, VendorUnavailableError, type VendorAuth, type VendorRequestToSign } from '@backbridge/plugin-sdk';
import type { IamPasswordAuthBody, IamTokenResponse } from '../dto/iam.dto';

export interface PasswordCredentials {
  userName: string;
  password: string;
  domainName: string;
  /** Scope by project name (the seed's form); without it the token is scoped by project id. */
  projectName?: string;
}

/** Tokens are valid 24 h; renew a little early so a request never carries one that expires in flight. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * IAM token auth: POST {iam}/v3/auth/tokens with a password body scoped to the project; the token
 * is the X-Subject-Token response header, sent as X-Auth-Token. Cached until shortly before
 * `expires_at`; the client drops it on a 401 and this fetches a new one.
 */
export class IamTokenAuth implements VendorAuth {
  private token?: { value: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly iamEndpoint: string,
    private readonly credentials: PasswordCredentials,
    private readonly projectId: string,
    private readonly timeoutMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(request: VendorRequestToSign): Promise<void> {
    request.headers['X-Auth-Token'] = await this.currentToken();
  }

  invalidate(): void {
    this.token = undefined;
  }

  private async currentToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    // One token request at a time, however many calls are waiting for it.
    // A token request is safe to repeat: retried on 429, 5xx and network errors like other reads.
    this.pending ??= retryTransient(
      () => this.issue(),
      (error) => error instanceof VendorUnavailableError && isTransientStatus((error.extras.vendor as { status?: number } | undefined)?.status),
    ).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async issue(): Promise<string> {
    const url = `${this.iamEndpoint.replace(/\/+$/, '')}/v3/auth/tokens`;
    const response = await axios.post<string>(url, JSON.stringify(this.body()), {
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      timeout: this.timeoutMs,
    }).catch((error: unknown) => {
      const code = (error as { code?: string }).code;
      throw new VendorUnavailableError(`Could not reach the IAM endpoint for a token${code ? ` (${code})` : ''}.`, { vendor: { code } });
    });
    const subjectToken = response.headers['x-subject-token'];
    if (response.status === 201 && typeof subjectToken === 'string' && subjectToken !== '') {
      const expiresAt = Date.parse((safeJson(response.data) as IamTokenResponse | undefined)?.token?.expires_at ?? '');
      const renewAt = Number.isNaN(expiresAt) ? this.now() + 60 * 60_000 : expiresAt - RENEW_BEFORE_MS;
      this.token = { value: subjectToken, renewAt };
      return subjectToken;
    }
    const vendor = { status: response.status, ...iamErrorDetail(safeJson(response.data)) };
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new VendorUnauthorizedError(`IAM refused the connection's password credentials (HTTP ${response.status}).`, { vendor });
    }
    throw new VendorUnavailableError(`IAM did not issue a token (HTTP ${response.status}).`, { vendor });
  }

  private body(): IamPasswordAuthBody {
    const { userName, password, domainName, projectName } = this.credentials;
    return {
      auth: {
        identity: { methods: ['password'], password: { user: { name: userName, password, domain: { name: domainName } } } },
        scope: { project: projectName ? { name: projectName } : { id: this.projectId } },
      },
    };
  }
}

function safeJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** IAM answers Keystone style `{"error": {"code", "message", "title"}}` or APIG style `{error_code, error_msg}`. */
function iamErrorDetail(body: unknown): { code?: string; message?: string } {
  const value = body as { error?: { code?: unknown; message?: unknown }; error_code?: unknown; error_msg?: unknown } | undefined;
  if (value?.error && typeof value.error === 'object') {
    return { code: String(value.error.code ?? ''), message: typeof value.error.message === 'string' ? value.error.message : undefined };
  }
  if (typeof value?.error_code === 'string') return { code: value.error_code, message: String(value.error_msg ?? '') };
  return {};
}
