/**
 * The SHA-256 of a file as 64 hex digits, which the upload's signature binds. Web Crypto has no
 * streaming digest, so the file is read whole: fine for the sizes a chat shares (50 MB by
 * default); a workspace allowing gigabytes would want a streaming hash here.
 */
export async function sha256Hex(file: Blob): Promise<string> {
  if (!globalThis.crypto?.subtle) {
    throw new Error('Uploading needs a secure connection (https).');
  }
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
