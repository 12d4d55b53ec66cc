const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A random client nonce: 22 characters of [A-Za-z0-9_-] (132 bits), within the server's limit of
 * 1 to 64 such characters. getRandomValues works on plain http too, unlike randomUUID.
 */
export function newClientNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  let nonce = '';
  for (const byte of bytes) nonce += ALPHABET[byte & 63];
  return nonce;
}
