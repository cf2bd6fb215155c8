import { describe as group, expect, it } from 'vitest';
import { describe, detectFormat } from '../../src/text/describe.ts';
import { plainTextToHtml } from '../../src/text/sanitize.ts';
import { linkLabel, plainLink } from '../../src/text/tracking-links.ts';

// Descriptions as they really come: what the format claims says little, so each is read as what
// it is. Each test is named for what a reader of the event's page sees.

const RSVP = '<a href="https://example.org/rsvp" rel="nofollow ugc">';

group('a description is shown as what it is written in', () => {
  it('shows HTML from a text field (Google Calendar, CMS exports) as formatted text with its link', () => {
    expect(describe('Join us!<br><b>Bring</b> a laptop. <a href="https://example.org/rsvp">RSVP</a>')).toBe(
      `<p>Join us!<br /><b>Bring</b> a laptop. ${RSVP}RSVP</a></p>`,
    );
  });

  it('shows HTML whose markup was escaped once too often as formatted text', () => {
    expect(describe('&lt;p&gt;Meet the &lt;em&gt;team&lt;/em&gt;&lt;/p&gt;')).toBe('<p>Meet the <em>team</em></p>');
  });

  it('keeps the paragraphs of an HTML fragment that lays out its lines with line breaks only', () => {
    expect(describe('<b>Talks</b> at six\nPizza after\n\nRSVP <a href="https://example.org/rsvp">here</a>')).toBe(
      `<p><b>Talks</b> at six<br />Pizza after</p>\n<p>RSVP ${RSVP}here</a></p>`,
    );
  });

  it('keeps markup that lays out its own lines, and makes the rest of the text paragraphs', () => {
    expect(describe('Doors at six.\n\n<ul>\n<li>Talks</li>\n</ul>')).toBe('<p>Doors at six.</p>\n<ul>\n<li>Talks</li>\n</ul>');
  });

  it('makes bare addresses in HTML links, leaving the text of existing links alone', () => {
    expect(describe('<p>Slides: https://example.org/slides.</p><p><a href="https://example.org/rsvp">https://example.org/rsvp</a></p>')).toBe(
      `<p>Slides: <a href="https://example.org/slides" rel="nofollow ugc">https://example.org/slides</a>.</p><p>${RSVP}https://example.org/rsvp</a></p>`,
    );
  });

  it('renders Markdown as Markdown: bold, links and lists', () => {
    expect(describe('**Bring** a [laptop](https://example.org/laptops)\n\n* talks\n* pizza')).toBe(
      '<p><strong>Bring</strong> a <a href="https://example.org/laptops" rel="nofollow ugc">laptop</a></p>\n<ul>\n<li>talks</li>\n<li>pizza</li>\n</ul>',
    );
  });

  it("reads Meetup's backslash escapes as Markdown, so no backslash is shown", () => {
    expect(describe('Doors at 6\\:30 \\- bring a friend\\!')).toBe('<p>Doors at 6:30 - bring a friend!</p>');
  });

  it('shows plain text as paragraphs with clickable links, and a tag-like word as text', () => {
    expect(describe('Intro to <canvas> drawing.\n\nRSVP: https://example.org/rsvp')).toBe(
      `<p>Intro to &lt;canvas&gt; drawing.</p>\n<p>RSVP: ${RSVP}https://example.org/rsvp</a></p>`,
    );
  });

  it('shows "Q&A", not "Q&amp;A", from entity-encoded plain text', () => {
    expect(describe('Q&amp;A night')).toBe('<p>Q&amp;A night</p>');
  });

  it('shows nothing for an empty description', () => {
    expect(describe('  \n ')).toBe('');
  });

  it.each([
    ['<p>Hello</p>', 'html'],
    ['Hello &lt;b&gt;world&lt;/b&gt;', 'html'],
    ['## Agenda\n- talks', 'markdown'],
    ['See [the slides](https://example.org/s)', 'markdown'],
    ['Plain words, with a link https://example.org and 3 < 4.', 'text'],
  ])('reads %j as %s', (raw, format) => {
    expect(detectFormat(raw).format).toBe(format);
  });
});

group('a link in plain text ends where the address ends', () => {
  it('does not swallow the quote and bracket of an HTML link written out as text', () => {
    expect(plainTextToHtml('<a href="https://example.org/rsvp">')).toBe(
      `<p>&lt;a href="${RSVP}https://example.org/rsvp</a>"&gt;</p>`,
    );
  });

  it('stops before an entity standing for a quote or bracket', () => {
    expect(plainTextToHtml('RSVP at https://example.org/rsvp&quot;&gt; now')).toBe(
      `<p>RSVP at ${RSVP}https://example.org/rsvp</a>&amp;quot;&amp;gt; now</p>`,
    );
  });

  it('leaves sentence punctuation and unopened brackets outside, keeps brackets the address opened', () => {
    expect(plainTextToHtml('(see https://en.wikipedia.org/wiki/Rust_(programming_language)), or https://example.org/rsvp!')).toBe(
      '<p>(see <a href="https://en.wikipedia.org/wiki/Rust_(programming_language)" rel="nofollow ugc">https://en.wikipedia.org/wiki/Rust_(programming_language)</a>), ' +
        `or ${RSVP}https://example.org/rsvp</a>!</p>`,
    );
  });

  it('stops at typographic quotes', () => {
    expect(plainTextToHtml('“https://example.org/rsvp”')).toBe(`<p>“${RSVP}https://example.org/rsvp</a>”</p>`);
  });
});

group('tracking redirects are shown as the link they wrap', () => {
  it("shows Google Calendar's redirect as the address it leads to", () => {
    expect(describe('Slides: https://www.google.com/url?q=https://example.org/slides&sa=D&source=calendar&usg=AOvVaw1')).toBe(
      '<p>Slides: <a href="https://example.org/slides" rel="nofollow ugc">https://example.org/slides</a></p>',
    );
  });

  it('points an HTML link through a redirect at its target, keeping its words', () => {
    expect(describe('<a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Frsvp&h=AT0">RSVP</a>')).toBe(`<p>${RSVP}RSVP</a></p>`);
  });

  it('shows a link with only utm_* parameters added as the plain link', () => {
    expect(describe('RSVP https://example.org/rsvp?utm_source=meetup&utm_medium=email&utm_campaign=x')).toBe(
      `<p>RSVP ${RSVP}https://example.org/rsvp</a></p>`,
    );
  });

  it('keeps the parameters a link needs, dropping only the tracking ones', () => {
    expect(plainLink('https://example.org/e?id=42&utm_source=x&fbclid=abc')).toBe('https://example.org/e?id=42');
  });

  it('shows an opaque click tracker by its host, not as a wall of characters', () => {
    const tracker = `https://clicks.meetup.com/ls/click?upn=u001.${'a1B2c3'.repeat(40)}`;
    expect(describe(`Join: ${tracker}`)).toBe(`<p>Join: <a href="${tracker}" rel="nofollow ugc">clicks.meetup.com/…</a></p>`);
    expect(linkLabel(tracker)).toBe('clicks.meetup.com/…');
  });

  it('leaves an ordinary link exactly as written', () => {
    expect(plainLink('https://example.org/a?b=c d')).toBe('https://example.org/a?b=c d');
  });
});
