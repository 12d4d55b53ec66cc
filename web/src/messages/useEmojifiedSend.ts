import { useCallback, useRef } from 'react';
import { emojifyForSend, emojifyNow } from '../emoji/shortcodes';

/**
 * Sends with `:shortcode:`s turned into emoji. Right away when the text has none or the emoji are
 * loaded; otherwise once they are (the first message with one loads them), and messages sent
 * meanwhile wait their turn, so they still arrive in the order they were written.
 */
export function useEmojifiedSend(): (body: string, send: (text: string) => void) => void {
  const queue = useRef<Promise<void> | null>(null);
  return useCallback((body: string, send: (text: string) => void) => {
    const now = queue.current ? null : emojifyNow(body);
    if (now !== null) {
      send(now);
      return;
    }
    const next = (queue.current ?? Promise.resolve()).then(() => emojifyForSend(body)).then(send);
    queue.current = next;
    void next.finally(() => {
      if (queue.current === next) queue.current = null;
    });
  }, []);
}
