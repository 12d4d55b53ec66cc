// Every keyboard shortcut of the app, for the shortcut sheet (`?`). A feature that adds one adds
// its line here.

export type Shortcut = {
  /** Each way to press it: a list of keys pressed together. */
  keys: string[][];
  what: string;
};

export type ShortcutGroup = { title: string; shortcuts: Shortcut[] };

/** Ctrl on most systems, ⌘ on Apple's. */
export function commandKey(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? '⌘' : 'Ctrl';
}

export function shortcutGroups(command: string): ShortcutGroup[] {
  return [
    {
      title: 'Moving around',
      shortcuts: [
        { keys: [[command, 'K']], what: 'Jump to a channel, conversation or person' },
        { keys: [['Alt', '↑']], what: 'Previous channel or conversation in the sidebar' },
        { keys: [['Alt', '↓']], what: 'Next channel or conversation in the sidebar' },
        { keys: [['Alt', 'Shift', '↑']], what: 'Previous unread channel or conversation' },
        { keys: [['Alt', 'Shift', '↓']], what: 'Next unread channel or conversation' },
        { keys: [['/']], what: 'Search' },
        { keys: [['?'], [command, '/']], what: 'Show these shortcuts' },
      ],
    },
    {
      title: 'Writing',
      shortcuts: [
        { keys: [['Enter']], what: 'Send the message' },
        { keys: [['Shift', 'Enter']], what: 'New line' },
        { keys: [['↑']], what: 'Edit your last message (in an empty message box)' },
        { keys: [['@'], [':']], what: 'Suggest people, or emoji' },
        { keys: [['Tab'], ['Enter']], what: 'Pick the highlighted suggestion' },
        { keys: [['Esc']], what: 'Close the suggestions; stop editing a message' },
      ],
    },
    {
      title: 'Lists, dialogs and images',
      shortcuts: [
        { keys: [['↑'], ['↓']], what: 'Move through suggestions and the quick switcher' },
        { keys: [['Enter']], what: 'Open the highlighted one' },
        { keys: [['Esc']], what: 'Close a dialog, menu, the sidebar on a phone, or an image' },
        { keys: [['←'], ['→']], what: 'Previous or next image' },
      ],
    },
  ];
}
