import type { Channel, SidebarChannel } from '../api/types.generated';
import { GENERAL_CHANNEL_ID } from '../channels/permissions';

/**
 * The channels an invite may name: the inviter's own, open ones, by name. #general is left out
 * because every invite includes it.
 */
export function invitableChannels(rows: readonly SidebarChannel[]): Channel[] {
  return rows
    .map((row) => row.channel)
    .filter((channel) => channel.id !== GENERAL_CHANNEL_ID && !channel.archived)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What is wrong with an address typed into the invite form, or null (the server checks fully). */
export function emailProblem(email: string): string | null {
  const trimmed = email.trim();
  if (!trimmed) return 'Enter the email address to invite.';
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) return 'That does not look like an email address.';
  return null;
}
