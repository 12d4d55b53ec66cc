import type { ParentRef } from '../api/routes';
import type { FileUrls } from './fileUrls';

/**
 * Downloads a file: mints its download URL (served as an attachment, never shown) and follows
 * it with a link, so the browser saves it and the page stays.
 */
export async function downloadFile(files: FileUrls, parent: ParentRef, fileId: string): Promise<void> {
  const url = await files.get(parent, fileId, 'download');
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
