import type { EmulatorServer, TokenStore } from '@backbridge/emulator-kit';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An IAM-shaped access token: a JWT with iat and exp (the IBM SDKs decode it to schedule refreshes). */
function accessToken(apiKeyId: string, nowMs: number, nonce: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { kid: 'emulator-1', alg: 'RS256' };
  const payload = { iam_id: `iam-ServiceId-${apiKeyId}`, sub: `ServiceId-${apiKeyId}`, grant_type: APIKEY_GRANT, iat, exp: iat + ACCESS_TOKEN_TTL_SECONDS, jti: `emu-${nonce}` };
  return `${base64url(header)}.${base64url(payload)}.ZW11bGF0b3Itc2lnbmF0dXJl`;
}

/** IBM Cloud IAM's `POST /identity/token` (form-encoded), served by the emulator for the IamAuthenticator. */
export function iamRoutes(server: EmulatorServer, tokens: TokenStore<string>, apiKey: string, now: () => number): void {
  let issued = 0;
  server.route(
    'POST',
    '/identity/token',
    ({ rawBody }) => {
      const form = new URLSearchParams(rawBody.toString('utf8'));
      if (form.get('grant_type') !== APIKEY_GRANT) {
        return { status: 400, body: { errorCode: 'BXNIM0415E', errorMessage: 'Provided grant type is not supported.', context: { requestType: 'incoming.Token' } } };
      }
      if (form.get('apikey') !== apiKey) {
        return { status: 400, body: { errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.', context: { requestType: 'incoming.Token' } } };
      }
      issued += 1;
      const value = accessToken(apiKey.slice(0, 8), now(), issued);
      const token = tokens.issue('tenant', ACCESS_TOKEN_TTL_SECONDS * 1000, value);
      return {
        status: 200,
        body: {
          access_token: token.value,
          refresh_token: 'not_supported',
          ims_user_id: 12345678,
          token_type: 'Bearer',
          expires_in: ACCESS_TOKEN_TTL_SECONDS,
          expiration: Math.floor(token.expiresAt / 1000),
          scope: 'ibm openid',
        },
      };
    },
    { public: true },
  );
}
