import * as cheerio from 'cheerio';

// Sanitized description HTML as plain text, for places that take no markup: calendar feeds,
// schema.org `description`, Open Graph and meta descriptions, add-to-calendar links.

// cheerio's node type lives in domhandler, which is not a dependency of ours; derive it instead.
type HtmlNode = ReturnType<ReturnType<cheerio.CheerioAPI['root']>['contents']>[number];

const BLOCK_TAGS = new Set(['p', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h3', 'h4', 'h5', 'h6', 'hr', 'div']);

/**
 * Paragraphs, line breaks and bullets survive. With `showLinks`, a link keeps where it pointed
 * ("Register here (https://…)"), for calendar apps, which show no links.
 */
export function htmlToPlainText(html: string | null | undefined, { showLinks = false } = {}): string {
  if (!html) return '';
  const $ = cheerio.load(html, null, false);
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
  return $.root()
    .contents()
    .toArray()
    .map(nodeText)
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
  const flat = text.replace(/\s+/g, ' ').trim();
  if ([...flat].length <= max) return flat;
  const cut = [...flat].slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`;
}
