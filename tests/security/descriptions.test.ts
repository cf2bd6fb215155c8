import { describe, expect, it } from 'vitest';
import { describe as describeText } from '../../src/text/describe.ts';
import { markdownToHtml, plainText, plainTextToHtml, sanitizeDescription } from '../../src/text/sanitize.ts';
import { findDangerousMarkup, rawScriptTags } from './html-checks.ts';
import { HARMLESS_HTML, HARMLESS_MARKDOWN, HOSTILE_URLS, XSS_PAYLOADS } from './payloads.ts';

// The sanitizer on its own, payload by payload: where hostile-site.test.ts says that no payload
// reached any page, these say which step would have let one through. Each description reader is
// here: the one every adapter uses (describe, which decides the format), and the HTML, Markdown
// and plain-text renderings it picks from.

const READERS = { described: describeText, html: sanitizeDescription, markdown: markdownToHtml, text: plainTextToHtml };

describe('every payload of the corpus, as a description', () => {
  for (const [name, read] of Object.entries(READERS)) {
    it(`leaves no markup that could run, read as ${name}`, () => {
      const problems = XSS_PAYLOADS.flatMap((payload) => {
        const html = read(payload.text);
        const found = findDangerousMarkup(html).map((f) => `${payload.kind}: ${f.what}`);
        return rawScriptTags(html) > 0 ? [...found, `${payload.kind}: "<script" in the output`] : found;
      });
      expect(problems).toEqual([]);
    });
  }

  it('leaves no markup that could run when every payload comes in one description', () => {
    const all = XSS_PAYLOADS.map((p) => p.text).join('\n');
    for (const read of Object.values(READERS)) expect(findDangerousMarkup(read(all))).toEqual([]);
  });
});

describe('links in descriptions', () => {
  it('keep only absolute http(s) addresses; any other link is kept as its text', () => {
    for (const url of HOSTILE_URLS) {
      expect(sanitizeDescription(`<p><a href="${url}">the link</a></p>`)).toBe('<p>the link</p>');
    }
    expect(sanitizeDescription('<p><a href="/relative/page">relative</a></p>')).toBe('<p>relative</p>');
  });

  it('mark the links they keep as the organizer’s (nofollow ugc), whatever rel they came with', () => {
    expect(sanitizeDescription('<a href="https://rsvp.example/" rel="opener" target="_blank">RSVP</a>')).toBe(
      '<a href="https://rsvp.example/" rel="nofollow ugc">RSVP</a>',
    );
  });
});

describe('harmless formatting', () => {
  it('survives from HTML: paragraphs, lists, emphasis, links', () => {
    expect(sanitizeDescription(HARMLESS_HTML)).toBe(
      '<p>Join us for <strong>talks</strong> and <em>pizza</em>.</p>' +
        '<ul><li>Lightning talks</li><li>Networking</li></ul>' +
        '<ol><li>First</li><li>Second</li></ol>' +
        '<p>Register at <a href="https://rsvp.example/night" rel="nofollow ugc">rsvp.example</a>.</p>',
    );
  });

  it('survives from Meetup’s Markdown, rendered then sanitized', () => {
    const html = markdownToHtml(HARMLESS_MARKDOWN);
    expect(html).toContain('<p>Join us for <strong>talks</strong> and <em>pizza</em>.</p>');
    expect(html).toMatch(/<ul>\s*<li>Lightning talks<\/li>\s*<li>Networking<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>First<\/li>\s*<li>Second<\/li>\s*<\/ol>/);
    expect(html).toContain('<a href="https://rsvp.example/night" rel="nofollow ugc">rsvp.example</a>');
  });

  it('drops Markdown links and images to other schemes, keeping their text', () => {
    expect(markdownToHtml('[click](javascript:alert(1)) ![x](data:image/png;base64,AAAA)')).toBe('<p>click </p>');
  });
});

describe('one-line text (titles, venues, names)', () => {
  it('keeps markup as literal text for the templates to escape, entities decoded', () => {
    expect(plainText('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more')).toBe('<script>alert(1)</script> & more');
  });

  it('folds line breaks and separators into spaces', () => {
    expect(plainText('one\r\ntwo\u2028three\tfour')).toBe('one two three four');
  });
});
