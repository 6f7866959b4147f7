export const TOKEN_ISSUER = 'backbridge';
export const TOKEN_AUDIENCE = 'backbridge';
