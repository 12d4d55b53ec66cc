// A short fuzzy scorer for the quick switcher: the letters typed must appear in the name in order;
// a match scores higher when its letters start words and run together, and when it starts early.

export type FuzzyMatch = {
  score: number;
  /** Positions in the text of the matched letters, ascending (for highlighting). */
  indices: number[];
};

const BONUS_WORD_START = 8;
const BONUS_TEXT_START = 6;
const BONUS_CONSECUTIVE = 5;
const BONUS_EXACT = 100;
const BONUS_PREFIX = 30;
const PENALTY_GAP = 1;
const PENALTY_LEADING = 0.5;
/** Letters before the first match cost at most this much (a long name is not much worse). */
const MAX_LEADING_PENALTY = 5;

/** Where one word ends and another begins: spaces and the punctuation of names and handles. */
const SEPARATORS = new Set([' ', '-', '_', '.', '/', '#', '@', '(', ')', ',', ':']);

function fold(text: string): string {
  // "é" matches "e": the accents go, the length stays the same for most names.
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function isWordStart(original: string, folded: string, i: number): boolean {
  if (i === 0) return true;
  const before = folded[i - 1] ?? '';
  if (SEPARATORS.has(before)) return true;
  // camelCase: a capital after a small letter starts a word.
  const here = original[i] ?? '';
  const prev = original[i - 1] ?? '';
  return here !== here.toLowerCase() && prev === prev.toLowerCase() && prev !== prev.toUpperCase();
}

/**
 * How well `query` matches `text`, or null when it does not (a letter missing or out of order).
 * Spaces and punctuation in the query are ignored. An empty query matches everything with score 0.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  // Punctuation typed is left out: "de-gen", "de gen" and "degen" find the same names.
  const q = [...fold(query)].filter((c) => !SEPARATORS.has(c) && !/\s/.test(c)).join('');
  if (q.length === 0) return { score: 0, indices: [] };
  const folded = fold(text);
  // Folding may change the length (rare scripts): score on the folded text, highlight nothing.
  const original = folded.length === text.length ? text : folded;
  if (q.length > folded.length) return null;

  let best: FuzzyMatch | null = null;
  // Try each place the first letter occurs: the leftmost is not always the best (`gen` in
  // "design-general" should take the second word).
  for (let start = folded.indexOf(q[0] ?? ''); start !== -1; start = folded.indexOf(q[0] ?? '', start + 1)) {
    const match = matchFrom(q, original, folded, start);
    if (!match) break; // No later start can fit the rest either.
    if (!best || match.score > best.score) best = match;
  }
  if (!best) return null;
  if (folded === q) best.score += BONUS_EXACT;
  else if (folded.startsWith(q)) best.score += BONUS_PREFIX;
  if (folded.length !== text.length) best.indices = [];
  return best;
}

/**
 * Matches the query's letters from `start` on: each right after the previous one when it is there,
 * else at the next word start when the rest still fits after it, else at its next occurrence.
 */
function matchFrom(q: string, original: string, folded: string, start: number): FuzzyMatch | null {
  const indices = [start];
  let score = bonusAt(original, folded, start) - Math.min(start * PENALTY_LEADING, MAX_LEADING_PENALTY);
  let at = start;
  for (let k = 1; k < q.length; k++) {
    const letter = q[k] ?? '';
    const next = folded.indexOf(letter, at + 1);
    if (next === -1) return null;
    // Right after the previous letter is best; else prefer a word start over the nearest letter.
    let chosen = next;
    if (next !== at + 1) {
      const wordStart = nextWordStart(letter, original, folded, next);
      if (wordStart !== -1 && remainingFits(q, k + 1, folded, wordStart)) chosen = wordStart;
    }
    score += bonusAt(original, folded, chosen);
    if (chosen === at + 1) score += BONUS_CONSECUTIVE;
    else score -= (chosen - at - 1) * PENALTY_GAP;
    indices.push(chosen);
    at = chosen;
  }
  return { score, indices };
}

function bonusAt(original: string, folded: string, i: number): number {
  if (i === 0) return BONUS_TEXT_START + BONUS_WORD_START;
  return isWordStart(original, folded, i) ? BONUS_WORD_START : 0;
}

function nextWordStart(letter: string, original: string, folded: string, from: number): number {
  for (let i = folded.indexOf(letter, from); i !== -1; i = folded.indexOf(letter, i + 1)) {
    if (isWordStart(original, folded, i)) return i;
  }
  return -1;
}

/** Whether the query's letters from `k` on still occur, in order, after `at`. */
function remainingFits(q: string, k: number, folded: string, at: number): boolean {
  let pos = at;
  for (let j = k; j < q.length; j++) {
    pos = folded.indexOf(q[j] ?? '', pos + 1);
    if (pos === -1) return false;
  }
  return true;
}
