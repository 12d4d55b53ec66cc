// The icon of a place (channel or conversation), the same in the sidebar, the switcher, search and
// dialogs. Decorative: the place's name says what it is.
import { AtSign, Hash, Lock, NotebookPen, UsersRound } from 'lucide-react';

export type PlaceKind = 'public' | 'private' | 'notes' | 'direct' | 'group';

export function PlaceIcon({ kind, size = 15 }: { kind: PlaceKind; size?: number }) {
  const props = { size, 'aria-hidden': true } as const;
  switch (kind) {
    case 'public':
      return <Hash {...props} />;
    case 'private':
      return <Lock {...props} size={size - 1} />;
    case 'notes':
      return <NotebookPen {...props} size={size - 1} />;
    case 'direct':
      return <AtSign {...props} size={size - 1} />;
    case 'group':
      return <UsersRound {...props} size={size - 1} />;
  }
}
