import { decodeHTML, escapeUTF8 } from 'entities';
import { linkifyHtmlText } from './linkify.ts';
import { markdownToHtml, plainTextToHtml, sanitizeDescription, withinDescriptionLimit } from './sanitize.ts';
import { linkLabel } from './tracking-links.ts';

// Descriptions arrive as text, HTML or Markdown whatever their format claims: iCalendar's
// DESCRIPTION is text by the RFC and HTML from Google Calendar and CMS exports; schema.org's is
// text, HTML or HTML escaped once too often; Meetup's is Markdown or, on old groups, HTML. This is
// the one place that decides which a description is, and renders it as that, sanitized.

export type DescriptionFormat = 'html' | 'markdown' | 'text';

// Tags people write in descriptions. A tag outside this list ("Intro to <canvas>") is text.
const HTML_TAGS = 'a|b|blockquote|br|center|code|dd|div|dl|dt|em|font|h[1-6]|hr|i|img|li|ol|p|pre|s|small|span|strike|strong|sub|sup|table|td|th|tr|u|ul';
const HTML_TAG = new RegExp(`<\\/?(?:${HTML_TAGS})(?:\\s[^<>]*)?\\/?>`, 'i');
/** A block of markup that lays out its own lines: a run of text that starts otherwise is a paragraph. */
const BLOCK_START = /^<\/?(?:p|div|ul|ol|li|h[1-6]|pre|blockquote|table|thead|tbody|tr|td|th|dl|dt|dd|hr|center)\b/i;
const TAG = /(<[^>]*>)/;

// What only Markdown writes: a heading, bold, a link, a list or quote line, code, or the
// backslash escapes Meetup puts before punctuation.
const MARKDOWN_SIGNS = [
  /^#{1,6}[ \t]+\S/m,
  /\*\*[^*\n]+\*\*|__[^_\n]+__/,
  /\[[^\]\n]+\]\((?:https?:\/\/|\/)[^)\s]*\)/,
  /^[ \t]*(?:[-*+]|\d{1,3}\.)[ \t]+\S/m,
  /^>[ \t]?\S/m,
  /^```|`[^`\n]+`/m,
  /\\[\\`*_{}[\]()#+\-.!]/,
];

/** The description as sanitized HTML, rendered as the format it is written in. */
export function describe(raw: string): string {
  if (raw.trim() === '') return '';
  const { format, text } = detectFormat(withinDescriptionLimit(raw));
  const html = format === 'html' ? htmlDescription(text) : format === 'markdown' ? markdownToHtml(text) : plainTextToHtml(text);
  return withLinksLabelled(html);
}

/** What the description is written in, and its text to render (decoded when escaped once too often). */
export function detectFormat(raw: string): { format: DescriptionFormat; text: string } {
  // Markdown may hold HTML (and decodes its own entities); HTML holds no Markdown.
  if (MARKDOWN_SIGNS.some((sign) => sign.test(raw))) return { format: 'markdown', text: raw };
  if (HTML_TAG.test(raw)) return { format: 'html', text: raw };
  const decoded = raw.includes('&') ? decodeHTML(raw) : raw;
  if (HTML_TAG.test(decoded)) return { format: 'html', text: decoded };
  // Plain text shows entities as what they stand for.
  return { format: 'text', text: decoded };
}

/**
 * An HTML fragment (iCalendar's DESCRIPTION, a CMS export): bare addresses made links, and text
 * laid out by its line breaks (as text fields hold it) kept so: each run of it between blank
 * lines a paragraph, unless markup that lays out its own lines starts it.
 */
function htmlDescription(html: string): string {
  const linked = mapText(html, (text, insideLink) => (insideLink ? text : linkifyHtmlText(text)));
  const blocks = linked
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  if (blocks.every((block) => BLOCK_START.test(block))) return sanitizeDescription(linked);
  return sanitizeDescription(blocks.map((block) => (BLOCK_START.test(block) ? block : `<p>${block.replace(/\n/g, '<br>')}</p>`)).join('\n'));
}

/**
 * A link that shows its own address reads as the link it wraps, or as its host for an opaque
 * click tracker (tracking-links.ts): never a wall of tracking URLs. The sanitizer has already
 * pointed each link at what it wraps.
 */
function withLinksLabelled(html: string): string {
  return mapText(html, (text, insideLink) => {
    const address = decodeHTML(text).trim();
    if (!insideLink || !/^https?:\/\/\S+$/i.test(address)) return text;
    const label = linkLabel(address);
    return label === address ? text : escapeUTF8(label);
  });
}

/** The HTML with the text between its tags mapped, told whether it is a link's text; one pass. */
function mapText(html: string, map: (text: string, insideLink: boolean) => string): string {
  let links = 0;
  return html
    .split(TAG)
    .map((part, index) => {
      if (index % 2 === 0) return map(part, links > 0);
      if (/^<a\b/i.test(part)) links += 1;
      else if (/^<\/a\s*>$/i.test(part)) links = Math.max(0, links - 1);
      return part;
    })
    .join('');
}
