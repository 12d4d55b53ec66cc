import { avatarColor } from './avatarColor';
import { useAvatarUrl, usePictureId } from './useAvatarUrl';

type AvatarProps = {
  userId: string;
  name: string;
  /** The person's picture id when the caller has it; left out, the user directory's is used. */
  avatar?: string | null;
};

/**
 * The person's picture, or a tile with the first letter of their name in a colour of its own
 * (from their id), so authors side by side are told apart. The tile shows until the picture has
 * loaded, and again if it will not load.
 */
export function Avatar({ userId, name, avatar }: AvatarProps) {
  const pictureId = usePictureId(userId, avatar);
  const picture = useAvatarUrl(userId, pictureId);
  return (
    <span className="avatar" aria-hidden="true" data-picture={pictureId ?? undefined} style={{ backgroundColor: avatarColor(userId) }}>
      {([...name.trim()][0] ?? '?').toUpperCase()}
      {picture.url && (
        <img className="avatar-picture" data-testid="avatar-picture" src={picture.url} alt="" draggable={false} onError={picture.onError} />
      )}
    </span>
  );
}
