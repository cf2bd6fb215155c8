import sanitizeHtml from 'sanitize-html';
import { marked } from 'marked';
import { decodeHTML, escapeUTF8 } from 'entities';
import { linkifyText } from './linkify.ts';
import { plainLink } from './tracking-links.ts';

// Scraped text is hostile. Everything that becomes HTML on the site passes through here.

/**
 * Descriptions longer than this (in characters of the source's own markup or text) are cut
 * before they are read: real ones are a few thousand, and sanitizing or rendering a hostile
 * multi-megabyte one would hold up the whole run (the sanitizer is slow on deep nesting).
 */
export const MAX_DESCRIPTION_CHARS = 100_000;
/** One line of text (a title, a venue, a name) longer than this is cut, with an ellipsis. */
export const MAX_LINE_CHARS = 1_000;

/** Not an allowed tag, so the sanitizer drops it and keeps its text: how a link is unwrapped. */
const UNWRAPPED = 'unwrapped-link';

const DESCRIPTION_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'a', 'blockquote',
    'code', 'pre', 'h3', 'h4', 'h5', 'h6', 'hr',
  ],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Headings inside an event page sit under its h1/h2; demote the big ones.
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    // Only absolute http(s) links survive. A link whose address is anything else (javascript:,
    // data:, relative to a page we do not host) is kept as its text. Links in scraped text are
    // the organizer's, not ours to vouch for.
    // A tracking redirect links to what it wraps (tracking-links.ts).
    a: (_tagName, attribs) =>
      safeHttpUrl(attribs.href) === null
        ? { tagName: UNWRAPPED, attribs: {} }
        : { tagName: 'a', attribs: { ...attribs, href: plainLink(attribs.href!), rel: 'nofollow ugc' } },
  },
  disallowedTagsMode: 'discard',
  // sanitize-html's own list (script, style, textarea, option, noscript, xmp) and more: their
  // contents are code or markup, never text worth keeping. This replaces the default list, so it
  // must keep every entry of it (xmp's was the fix for CVE-2026-44990).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'xmp', 'title', 'iframe', 'object', 'svg', 'math'],
};

export function sanitizeDescription(html: string): string {
  return sanitized(withinDescriptionLimit(html));
}

/** One pass of the sanitizer, linear in the input: no second parse of its output. */
function sanitized(html: string): string {
  return sanitizeHtml(html, DESCRIPTION_POLICY).trim();
}

/** At most MAX_DESCRIPTION_CHARS, an ellipsis marking the cut. */
export function withinDescriptionLimit(text: string): string {
  return text.length <= MAX_DESCRIPTION_CHARS ? text : `${text.slice(0, MAX_DESCRIPTION_CHARS)} …`;
}

/** Plain text (an iCalendar DESCRIPTION) as paragraphs, with bare http(s) links made clickable. */
export function plainTextToHtml(text: string): string {
  const paragraphs = withinDescriptionLimit(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${linkifyText(p).replace(/\n/g, '<br>')}</p>`);
  // Cut as text above: cutting the markup again could split an entity.
  return sanitized(paragraphs.join('\n'));
}

/** Markdown (Meetup's descriptions) rendered, then sanitized like any HTML. */
export function markdownToHtml(markdown: string): string {
  let rendered: string;
  try {
    rendered = marked.parse(withinDescriptionLimit(markdown), { async: false, gfm: true, breaks: true });
  } catch {
    // marked recurses once per level of nesting: thousands of "> > > …" overflow its stack.
    // Such a description is shown as the text it is rather than costing its source.
    return plainTextToHtml(markdown);
  }
  // The rendering of a cut text, whatever its length: cutting it again could split an element.
  return sanitized(rendered);
}

/**
 * One line of plain text (a title, a venue name): entities decoded, white space folded. Tags are
 * kept as literal text ("Intro to <canvas>"); templates escape it on output.
 */
export function plainText(value: string): string {
  // Cut before the work as well as after it, so a multi-megabyte "title" costs nothing.
  const text = decodeHTML(value.slice(0, 4 * MAX_LINE_CHARS)).replace(/\s+/g, ' ').trim();
  return text.length <= MAX_LINE_CHARS ? text : `${text.slice(0, MAX_LINE_CHARS - 1).trimEnd()}…`;
}

/** The URL if it is an absolute http(s) URL, else null. */
export function safeHttpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
