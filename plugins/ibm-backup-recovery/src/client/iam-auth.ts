import { isTransientStatus, retryTransient, type VendorAuth, type VendorRequestToSign } from '@backbridge/plugin-sdk';
import { IamAuthenticator } from 'ibm-cloud-sdk-core';

export const DEFAULT_IAM_URL = 'https://iam.cloud.ibm.com';

/**
 * IBM Cloud IAM: an API key traded for a bearer token by ibm-cloud-sdk-core's IamAuthenticator,
 * which caches the token and refreshes it before it expires.
 */
export class IamApiKeyAuth implements VendorAuth {
  private authenticator: IamAuthenticator;

  constructor(
    private readonly apiKey: string,
    private readonly iamUrl: string = DEFAULT_IAM_URL,
  ) {
    this.authenticator = this.build();
  }

  async authorize(request: VendorRequestToSign): Promise<void> {
    // authenticate() replaces `headers` with a merged copy, so read it back from the options.
    const options: { headers: Record<string, string> } = { headers: {} };
    // The token request goes through IBM's SDK, not VendorHttpClient: retried here on 429, 5xx and
    // network errors (the SDK's errors carry the HTTP `status`), as a token request is safe to repeat.
    await retryTransient(
      () => this.authenticator.authenticate(options),
      (error) => isTransientStatus((error as { status?: number }).status),
    );
    request.headers.Authorization = options.headers.Authorization;
  }

  /** The authenticator has no public "forget the token": a fresh one fetches a new token. */
  invalidate(): void {
    this.authenticator = this.build();
  }

  private build(): IamAuthenticator {
    return new IamAuthenticator({ apikey: this.apiKey, url: this.iamUrl });
  }
}
