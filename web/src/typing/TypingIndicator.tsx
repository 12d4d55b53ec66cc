import { useUserNames } from '../users/useUsers';
import { typingText } from './typing';

/** "Ann is typing…" under the messages; keeps its height so the list does not jump. */
export function TypingIndicator({ typists }: { typists: string[] }) {
  const nameOf = useUserNames(typists);
  const text = typingText(typists.map(nameOf));
  return (
    <p className="typing-indicator" data-testid="typing-indicator" aria-live="polite">
      {text}
    </p>
  );
}
