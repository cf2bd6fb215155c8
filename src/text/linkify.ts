import { decodeHTML, escapeAttribute, escapeUTF8 } from 'entities';

// Bare http(s) addresses in prose made into links. A URL ends where the URL ends: before white
// space, a quote, an angle bracket, or an entity standing for one of those (descriptions arrive
// with `<a href="https://…">` shown as text, or escaped once too often), and without the
// sentence's punctuation or a closing bracket it did not open.

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`“”‘’«»]+/gi;
/** `&quot;` `&apos;` `&lt;` `&gt;` `&nbsp;` and their numeric forms: never part of an address. */
const ENDING_ENTITY = /&(?:quot|apos|lt|gt|nbsp|#0*(?:34|39|60|62|160)|#x0*(?:22|27|3c|3e|a0));/i;
const TRAILING_PUNCTUATION = /[.,;:!?*]+$/;
const BRACKETS: [string, string][] = [['(', ')'], ['[', ']'], ['{', '}']];

/** Plain text as HTML: escaped, with each address a link. */
export function linkifyText(text: string): string {
  return replaceUrls(text, escapeUTF8, (url) => anchor(url, escapeUTF8(url)));
}

/** Text that is already HTML (entities escaped) with each bare address a link. */
export function linkifyHtmlText(html: string): string {
  return replaceUrls(html, (text) => text, (url) => anchor(decodeHTML(url), url));
}

function anchor(href: string, label: string): string {
  return `<a href="${escapeAttribute(href)}">${label}</a>`;
}

function replaceUrls(text: string, other: (text: string) => string, link: (url: string) => string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = trimmed(match[0]);
    if (match.index < from || !/^https?:\/\/[^/?#]/i.test(url)) continue;
    out += other(text.slice(from, match.index)) + link(url);
    from = match.index + url.length;
  }
  return out + other(text.slice(from));
}

/** The address without what follows it in the sentence. */
function trimmed(candidate: string): string {
  const entity = ENDING_ENTITY.exec(candidate);
  let url = entity === null ? candidate : candidate.slice(0, entity.index);
  for (let changed = true; changed; ) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    for (const [open, close] of BRACKETS) {
      if (url.endsWith(close) && count(url, close) > count(url, open)) url = url.slice(0, -1);
    }
    changed = url !== before;
  }
  return url;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}
