import * as cheerio from 'cheerio';

// What would let a payload run, looked for the way a browser parses the page (cheerio's parse5
// is an HTML5-spec parser, like the browser's): elements that run or embed code, event-handler
// attributes, and links or sources that are not http(s).

/** Elements that have no business in scraped content; the site's own uses are allowed by the caller. */
const ACTIVE_ELEMENTS = ['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'base', 'form', 'style', 'svg', 'math', 'template', 'noscript', 'textarea', 'input', 'button'];

/** Attributes a browser follows or loads (or that hold URLs it may later navigate to). */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'poster', 'background', 'xlink:href', 'ping', 'srcset', 'cite', 'longdesc', 'manifest', 'codebase'];

export interface Finding {
  what: string;
  /** A short piece of the offending markup. */
  near: string;
}

export interface CheckOptions {
  /** Elements the page itself ships (the site's <script src>, its search form, …); matched by predicate. */
  allowElement?: (element: { name: string; attribs: Record<string, string> }) => boolean;
  /** URLs the page itself links besides absolute http(s) ones (root-relative paths, webcal to itself). */
  allowUrl?: (url: string, attribute: string) => boolean;
}

export function findDangerousMarkup(html: string, options: CheckOptions = {}): Finding[] {
  const $ = cheerio.load(html);
  const findings: Finding[] = [];
  const near = (el: Parameters<typeof $>[0]) => ($.html(el) ?? '').slice(0, 120);
  $('*').each((_, el) => {
    if (el.type !== 'tag' && el.type !== 'script' && el.type !== 'style') return;
    const element = el as unknown as { name: string; attribs: Record<string, string> };
    const name = element.name.toLowerCase();
    const allowed = options.allowElement?.(element) ?? false;
    if (!allowed && ACTIVE_ELEMENTS.includes(name)) findings.push({ what: `<${name}> element`, near: near(el) });
    if (name === 'meta' && /refresh/i.test(element.attribs['http-equiv'] ?? '')) {
      findings.push({ what: 'meta refresh', near: near(el) });
    }
    for (const [attribute, value] of Object.entries(element.attribs)) {
      const lower = attribute.toLowerCase();
      if (/^on/.test(lower)) findings.push({ what: `${lower}= attribute on <${name}>`, near: near(el) });
      if (lower === 'style' && /url\s*\(|expression\s*\(|javascript:/i.test(value)) {
        findings.push({ what: `style with a URL on <${name}>`, near: near(el) });
      }
      if (URL_ATTRIBUTES.includes(lower) && !isAllowedUrl(value, lower, options)) {
        findings.push({ what: `${lower}="${value.slice(0, 60)}" on <${name}>`, near: near(el) });
      }
    }
  });
  return findings;
}

function isAllowedUrl(value: string, attribute: string, options: CheckOptions): boolean {
  if (options.allowUrl?.(value, attribute)) return true;
  if (attribute === 'srcset') return value.split(',').every((part) => isHttp(part.trim().split(/\s+/)[0] ?? ''));
  return isHttp(value);
}

/** An absolute http(s) URL, as a browser would read the attribute (it strips tabs, newlines and leading space). */
export function isHttp(value: string): boolean {
  const cleaned = value.replace(/[\t\n\r]/g, '').trim();
  try {
    const url = new URL(cleaned);
    return (url.protocol === 'http:' || url.protocol === 'https:') && /^https?:\/\//i.test(cleaned);
  } catch {
    return false;
  }
}

/** How many times `<script` is written in the raw text, in any case: escaped text never has one. */
export function rawScriptTags(html: string): number {
  return html.match(/<script\b/gi)?.length ?? 0;
}
