import { parseDocument } from 'htmlparser2';

// Sanitized description HTML as plain text, for places that take no markup: calendar feeds,
// schema.org `description`, Open Graph and meta descriptions, add-to-calendar links.

// Parsed with htmlparser2, which the sanitizer itself uses, rather than cheerio's parse5: the input
// is sanitized markup already, and a build converts every event's description.
type HtmlNode = ReturnType<typeof parseDocument>['children'][number];

const BLOCK_TAGS = new Set(['p', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h3', 'h4', 'h5', 'h6', 'hr', 'div']);

/**
 * Paragraphs, line breaks and bullets survive. With `showLinks`, a link keeps where it pointed
 * ("Register here (https://…)"), for calendar apps, which show no links.
 */
export function htmlToPlainText(html: string | null | undefined, { showLinks = false } = {}): string {
  if (!html) return '';
  const nodeText = (node: HtmlNode): string => {
    // The parser has already decoded entities; source white space collapses as a browser would.
    if (node.type === 'text') return node.data.replace(/\s+/g, ' ');
    if (node.type !== 'tag') return '';
    if (node.name === 'br') return '\n';
    const inner = node.children.map(nodeText).join('');
    if (node.name === 'li') return `• ${inner.trim()}\n`;
    if (node.name === 'a' && showLinks) return linkText(inner, node.attribs.href);
    return BLOCK_TAGS.has(node.name) ? `\n\n${inner}\n\n` : inner;
  };
  return parseDocument(html)
    .children.map(nodeText)
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function linkText(text: string, href: string | undefined): string {
  return href === undefined || text.trim() === href ? text : `${text} (${href})`;
}

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  // A long text (a whole description) is cut from a prefix: when white space collapsed in the
  // prefix still leaves more than `max` characters, the result cannot depend on the rest.
  const prefixLength = 4 * max + 64;
  if (text.length > prefixLength) {
    const start = text.slice(0, prefixLength).replace(/\s+/g, ' ').trim();
    if (firstCodePoints(start, max).length < start.length) return cutText(start, max);
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  // Counted in code points (an emoji is one character), reading no further than needed.
  if (firstCodePoints(flat, max).length === flat.length) return flat;
  return cutText(flat, max);
}

/** `flat` (longer than `max`) cut to fit `max` with its ellipsis, at a word boundary if one is near. */
function cutText(flat: string, max: number): string {
  const cut = firstCodePoints(flat, max - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`;
}

/** The first `count` code points of `text`, or all of it when it has no more. */
function firstCodePoints(text: string, count: number): string {
  if (text.length <= count) return text;
  let end = 0;
  for (let i = 0; i < count && end < text.length; i++) {
    const code = text.charCodeAt(end);
    const next = text.charCodeAt(end + 1);
    end += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return text.slice(0, end);
}
