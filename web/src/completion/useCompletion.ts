import { useMemo, useState, type KeyboardEvent } from 'react';
import { useCurrentUser } from '../auth/session';
import { emojiLabel, searchEmoji } from '../emoji/emoji';
import { useEmojiData } from '../emoji/emojiData';
import { useUserSearch } from '../users/useUserSearch';
import { useSidebar } from '../sidebar/SidebarProvider';
import {
  applyCompletion,
  channelOptions,
  channelText,
  findTrigger,
  mentionOptions,
  mentionText,
  type Trigger,
} from './completion';

/** One line of the completion menu. */
export type CompletionItem = {
  key: string;
  /** What the line shows first: an emoji, or a person's name. */
  label: string;
  detail: string;
  insert: string;
  testId: 'mention-option' | 'emoji-completion-option' | 'channel-option';
  data: Record<string, string>;
};

export type Completion = {
  items: CompletionItem[];
  active: number;
  setActive: (index: number) => void;
  /** The text and caret after picking `item`. */
  pick: (item: CompletionItem) => { text: string; caret: number };
  /** Arrow keys, Enter/Tab to pick and Escape to close; true when the key was used. */
  onKeyDown: (e: KeyboardEvent, choose: (item: CompletionItem) => void) => boolean;
};

/**
 * The completion for the composer's text at `caret`: people (searched on the server by what
 * follows `@`, plus @all and @here where `groups`), emoji (what follows `:`) or the reader's
 * channels (what follows `~`).
 */
export function useCompletion(text: string, caret: number, groups: boolean): Completion {
  const me = useCurrentUser().id;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [activeState, setActive] = useState(0);
  const found = findTrigger(text, caret);
  const trigger: Trigger | null = found && dismissed !== `${found.start}:${text}` ? found : null;
  const mention = trigger?.kind === 'mention' ? trigger.query : null;
  const search = useUserSearch(mention ?? '', mention !== null);
  const emoji = useEmojiData(trigger?.kind === 'emoji');
  const { sidebar } = useSidebar();
  const channels = useMemo(() => sidebar?.channels.map((c) => c.channel) ?? [], [sidebar]);

  const items = useMemo((): CompletionItem[] => {
    if (!trigger) return [];
    if (trigger.kind === 'channel') {
      return channelOptions(channels, trigger.query).map((c) => ({
        key: c.id,
        label: `~${c.slug}`,
        detail: c.name === c.slug ? '' : `#${c.name}`,
        insert: channelText(c),
        testId: 'channel-option',
        data: { slug: c.slug },
      }));
    }
    if (trigger.kind === 'emoji') {
      return searchEmoji(emoji ?? [], trigger.query, 8).map((e) => ({
        key: e.emoji,
        label: e.emoji,
        detail: emojiLabel(e),
        insert: `${e.emoji} `,
        testId: 'emoji-completion-option',
        data: { emoji: e.emoji },
      }));
    }
    return mentionOptions(search.users, trigger.query, { groups, me }).map((o): CompletionItem =>
      o.kind === 'group'
        ? {
            key: o.handle,
            label: `@${o.handle}`,
            detail: o.description,
            insert: mentionText(o),
            testId: 'mention-option',
            data: { handle: o.handle },
          }
        : {
            key: o.person.id,
            label: o.person.displayName,
            detail: `@${o.person.handle}`,
            insert: mentionText(o),
            testId: 'mention-option',
            data: { handle: o.person.handle, 'user-id': o.person.id },
          },
    );
  }, [trigger, emoji, search.users, groups, me, channels]);

  const active = Math.min(activeState, Math.max(0, items.length - 1));

  return {
    items,
    active,
    setActive,
    pick: (item) => {
      if (!trigger) return { text, caret };
      setActive(0);
      return applyCompletion(text, trigger, caret, item.insert);
    },
    onKeyDown: (e, choose) => {
      if (items.length === 0 || !trigger) return false;
      const item = items[active];
      switch (e.key) {
        case 'ArrowDown':
          setActive((active + 1) % items.length);
          return true;
        case 'ArrowUp':
          setActive((active - 1 + items.length) % items.length);
          return true;
        case 'Enter':
        case 'Tab':
          if (e.shiftKey || !item) return false;
          choose(item);
          return true;
        case 'Escape':
          setDismissed(`${trigger.start}:${text}`);
          return true;
        default:
          return false;
      }
    },
  };
}
