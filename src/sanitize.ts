import sanitizeHtml from 'sanitize-html';
import { load } from 'cheerio';
import { marked } from 'marked';
import { decodeHTML, escapeUTF8 } from 'entities';

// Scraped text is hostile. Everything that becomes HTML on the site passes through here.
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
    // Links in scraped text are the organizer's, not ours to vouch for.
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc' }),
  },
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'svg', 'math'],
};

export function sanitizeDescription(html: string): string {
  return unwrapLinksWithoutAddress(sanitizeHtml(html, DESCRIPTION_POLICY)).trim();
}

/**
 * Only absolute http(s) links survive. A link whose address the policy refused (javascript:) or
 * that is relative (to a page we do not host) is kept as its text.
 */
function unwrapLinksWithoutAddress(html: string): string {
  if (!html.includes('<a ')) return html;
  const $ = load(html, null, false);
  $('a').each((_, link) => {
    if (!safeHttpUrl($(link).attr('href'))) $(link).replaceWith($(link).contents());
  });
  return $.html();
}

/** Plain text (an iCalendar DESCRIPTION) as paragraphs, with bare http(s) links made clickable. */
export function plainTextToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${linkify(escapeUTF8(p)).replace(/\n/g, '<br>')}</p>`);
  return sanitizeDescription(paragraphs.join('\n'));
}

/** Markdown (Meetup's descriptions) rendered, then sanitized like any HTML. */
export function markdownToHtml(markdown: string): string {
  const rendered = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitizeDescription(rendered);
}

/**
 * One line of plain text (a title, a venue name): entities decoded, white space folded. Tags are
 * kept as literal text ("Intro to <canvas>"); templates escape it on output.
 */
export function plainText(value: string): string {
  return decodeHTML(value).replace(/\s+/g, ' ').trim();
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

function linkify(escaped: string): string {
  return escaped.replace(/\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
}
