// Moving through the sidebar from the keyboard (Alt-Up/Down, Alt-Shift-Up/Down): the rows in the
// order they are shown, and the one before or after the open one.
import type { SidebarRow, SidebarSection } from './sections';

export type Step = 1 | -1;

/** Every row, top to bottom, as the sidebar shows them (each once). */
export function rowsInOrder(sections: readonly SidebarSection[]): SidebarRow[] {
  return sections.flatMap((section) => section.rows);
}

/** Whether a row shows as unread: bold (unread and not muted), or with mentions (even muted). */
export function showsUnread(row: SidebarRow): boolean {
  return (row.unread > 0 && !row.membership.muted) || row.membership.mentionCount > 0;
}

/**
 * The row `step` away from the open one (`openID`), or null at either end. With nothing open (a
 * page that is not a channel), down starts at the top and up at the bottom.
 */
export function adjacentRow(rows: readonly SidebarRow[], openID: string | null, step: Step): SidebarRow | null {
  const at = rows.findIndex((row) => row.parentID === openID);
  if (at === -1) return (step === 1 ? rows[0] : rows[rows.length - 1]) ?? null;
  return rows[at + step] ?? null;
}

/**
 * The next unread row in the `step` direction from the open one, going round past either end;
 * null when no other row is unread.
 */
export function adjacentUnread(rows: readonly SidebarRow[], openID: string | null, step: Step): SidebarRow | null {
  const count = rows.length;
  if (count === 0) return null;
  const at = rows.findIndex((row) => row.parentID === openID);
  // With nothing open, the search starts just outside the list so that it covers every row.
  const from = at === -1 ? (step === 1 ? -1 : count) : at;
  for (let i = 1; i <= count; i++) {
    const row = rows[(((from + step * i) % count) + count) % count];
    if (row && row.parentID !== openID && showsUnread(row)) return row;
  }
  return null;
}
