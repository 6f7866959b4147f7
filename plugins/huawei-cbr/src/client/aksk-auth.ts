import type { VendorAuth, VendorRequestToSign } from '@backbridge/plugin-sdk';
import { sdkDate, sign } from './aksk-signer';

export interface AkSkCredentials {
  ak: string;
  sk: string;
  /** Temporary credentials carry a security token, signed like any other header. */
  securityToken?: string;
}

/** Signs every attempt afresh (the signature covers X-Sdk-Date, which the vendor checks for skew). */
export class AkSkAuth implements VendorAuth {
  constructor(
    private readonly credentials: AkSkCredentials,
    private readonly projectId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authorize(request: VendorRequestToSign): Promise<void> {
    const url = new URL(request.url);
    const toSign: Record<string, string> = {
      Host: url.host,
      'X-Sdk-Date': sdkDate(this.now()),
      'X-Project-Id': this.projectId,
    };
    if (this.credentials.securityToken) toSign['X-Security-Token'] = this.credentials.securityToken;
    const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type');
    if (contentType) toSign[contentType[0]] = contentType[1];
    const signed = sign({ method: request.method, url: request.url, headers: toSign, body: request.body }, this.credentials.ak, this.credentials.sk);
    Object.assign(request.headers, toSign, { Authorization: signed.authorization });
  }

  invalidate(): void {
    // Nothing cached: every request is signed on its own.
  }
}
