import { CHANNEL_DESCRIPTION_MAX_CHARS, CHANNEL_NAME_MAX_CHARS } from '../limits';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What a typed name becomes as the user types: lower case, spaces and underscores as hyphens. */
export function normaliseNameInput(text: string): string {
  return text.toLowerCase().replace(/[\s_]+/g, '-');
}

/** Why a channel name would be refused (the server's rules), or null when it is fine. */
export function channelNameProblem(name: string): string | null {
  if (name.length === 0) return 'A channel needs a name.';
  if ([...name].length > CHANNEL_NAME_MAX_CHARS) {
    return `A channel name has at most ${CHANNEL_NAME_MAX_CHARS} characters.`;
  }
  if (!SLUG.test(name)) {
    return 'Use lower-case letters and digits, with single hyphens between words (e.g. team-news).';
  }
  return null;
}

export function descriptionProblem(description: string): string | null {
  const length = [...description.trim()].length;
  return length > CHANNEL_DESCRIPTION_MAX_CHARS
    ? `A description has at most ${CHANNEL_DESCRIPTION_MAX_CHARS} characters (${length} now).`
    : null;
}
