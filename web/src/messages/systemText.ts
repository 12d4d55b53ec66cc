import type { SystemNote } from '../api/types.generated';

/**
 * The line shown for a message the system wrote: "Ann joined", "Bob left", "Ann added Bob",
 * "Ann removed Bob". `actor` is the author's name (who acted), `target` the other person's.
 */
export function systemText(note: SystemNote, actor: string, target: string | null): string {
  switch (note.action) {
    case 'joined':
      return `${actor} joined`;
    case 'left':
      return `${actor} left`;
    case 'added':
      return target ? `${actor} added ${target}` : `${actor} added someone`;
    case 'removed':
      return target ? `${actor} removed ${target}` : `${actor} removed someone`;
  }
}
