import type { StoredGroup } from '../../types.ts';
import { safeHttpUrl } from '../../text/sanitize.ts';

// A group's face: the same small picture wherever the group appears (its page, the lists, its
// events' pages), so that people learn to recognise it. It is the group's own photo or logo when
// its platform gave one, drawn over a monogram (one or two letters on a colour of the group's
// own) that shows when there is no photo or it does not load.
//
// The colours are the tones `face-0` … `face-<FACE_TONES - 1>` of site/styles/site.css, each
// with white text at WCAG AA contrast in light and in dark mode (tests/browser/design.test.ts).
// The group's id picks its tone, so a group keeps its colour from one build to the next.

export const FACE_TONES = 10;

export interface GroupFace {
  /** One or two letters: "Py" for Spokane Python User Group, "ID" for Inland Northwest DevOps. */
  initials: string;
  /** Which of the FACE_TONES colours: the class `face-<tone>`. */
  tone: number;
  /** The group's photo or logo (http(s)), or null. */
  imageUrl: string | null;
}

/** Words that say nothing about which group it is. */
const GENERIC = new Set(['the', 'a', 'an', 'of', 'and', 'for', 'in', 'on', 'at', 'user', 'users', 'group', 'groups', 'meetup', 'meetups', 'club', 'community', 'society', 'association', 'chapter', 'inc']);

/**
 * `commonWords`: words every group shares and so no monogram should spend a letter on, in lower
 * case: the words of the site's title (its city, usually: "spokane", "tech").
 */
export function groupFace(group: Pick<StoredGroup, 'id' | 'name' | 'imageUrl'>, commonWords: ReadonlySet<string>): GroupFace {
  return { initials: initialsOf(group.name, commonWords) || initialsOf(group.id, commonWords), tone: toneOf(group.id), imageUrl: safeHttpUrl(group.imageUrl) };
}

/** The words of a site title, in lower case, for groupFace(). */
export function wordsOf(text: string): Set<string> {
  return new Set((text.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => word.toLowerCase()));
}

/**
 * The first letters of the first and last telling words ("Inland Northwest DevOps": "ID"); of a
 * single telling word, its capitals ("DevOps": "DO") or its first two letters ("Python": "Py").
 */
function initialsOf(name: string, commonWords: ReadonlySet<string>): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  const telling = words.filter((word) => !GENERIC.has(word.toLowerCase()) && !commonWords.has(word.toLowerCase()));
  const chosen = telling.length > 0 ? telling : words;
  if (chosen.length === 0) return '';
  if (chosen.length > 1) return `${firstOf(chosen[0]!)}${firstOf(chosen.at(-1)!)}`.toUpperCase();
  const letters = Array.from(chosen[0]!);
  const capitals = letters.slice(1).filter((c) => c !== c.toLowerCase());
  if (capitals.length > 0) return `${letters[0]!.toUpperCase()}${capitals[0]}`;
  return `${letters[0]!.toUpperCase()}${(letters[1] ?? '').toLowerCase()}`;
}

function firstOf(word: string): string {
  return Array.from(word)[0] ?? '';
}

/** FNV-1a over the id: spreads similar ids ("rust-a", "rust-b") over different tones. */
function toneOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % FACE_TONES;
}
