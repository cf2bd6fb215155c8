// Counting and cutting text as the platforms count it: Bluesky in graphemes (what a reader sees
// as one character: an emoji with its modifiers, a letter with its combining accents), Mastodon
// in code points with every link counted as 23, and Bluesky's link ranges in UTF-8 bytes.

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/** At most `max` graphemes, an ellipsis marking a cut; never splits an emoji or an accented letter. */
export function cutGraphemes(text: string, max: number): string {
  if (graphemeCount(text) <= max) return text;
  const kept: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length === max - 1) break;
    kept.push(segment);
  }
  return `${kept.join('').trimEnd()}…`;
}

/** The UTF-8 byte offset where `index` (a UTF-16 index into `text`) falls. */
export function utf8Offset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** Mastodon counts every link as 23 characters, whatever its length, and everything else by code point. */
export const MASTODON_LINK_LENGTH = 23;

export function mastodonLength(text: string): number {
  let length = 0;
  for (const part of text.split(/(https?:\/\/\S+)/)) length += /^https?:\/\//.test(part) ? MASTODON_LINK_LENGTH : [...part].length;
  return length;
}

/** At most `max` code points, an ellipsis marking a cut. */
export function cutCodePoints(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}
