import * as cheerio from 'cheerio';

// Sanitized description HTML as plain text, for places that take no markup: schema.org
// `description`, Open Graph and meta descriptions, the details of an add-to-calendar link.

type HtmlNode = ReturnType<ReturnType<cheerio.CheerioAPI['root']>['contents']>[number];

const BLOCK_TAGS = new Set(['p', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h3', 'h4', 'h5', 'h6', 'hr', 'div']);

export function htmlToPlainText(html: string | null | undefined): string {
  if (!html) return '';
  const $ = cheerio.load(html, null, false);
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

function nodeText(node: HtmlNode): string {
  if (node.type === 'text') return node.data.replace(/\s+/g, ' ');
  if (node.type !== 'tag') return '';
  if (node.name === 'br') return '\n';
  const inner = node.children.map(nodeText).join('');
  if (node.name === 'li') return `\n• ${inner.trim()}\n`;
  return BLOCK_TAGS.has(node.name) ? `\n\n${inner}\n\n` : inner;
}

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if ([...flat].length <= max) return flat;
  const cut = [...flat].slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`;
}
