/** IAM: obtaining a user token (seed §3.2); the token itself is the X-Subject-Token response header. */
export interface IamPasswordAuthBody {
  auth: {
    identity: {
      methods: ['password'];
      password: { user: { name: string; password: string; domain: { name: string } } };
    };
    scope: { project: { name: string } | { id: string } };
  };
}

export interface IamTokenResponse {
  token: { expires_at: string; issued_at?: string; methods?: string[]; project?: { id: string; name?: string } };
}
