// What the profile picture control checks before uploading (the server checks again).
import { fileRefusal, type UploadLimits } from '../files/checks';
import { isShownImageType } from '../files/format';

/** What the file input offers: the image types a picture can be made of. */
export const PICTURE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** Why this file cannot be a picture, in a sentence; null when it can be tried. */
export function pictureRefusal(file: { name: string; size: number; type: string }, limits: UploadLimits | null): string | null {
  if (!isShownImageType(file.type)) return `${file.name} is not a picture: pick a PNG, JPEG, GIF or WebP image.`;
  return fileRefusal(file, limits);
}

/** The line under the picture while a new one goes up. */
export function pictureProgress(sent: number, size: number): string {
  const percent = size > 0 ? Math.min(100, Math.floor((sent / size) * 100)) : 0;
  return sent >= size ? 'Saving picture…' : `Uploading picture… ${percent}%`;
}
