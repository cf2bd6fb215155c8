import { describe, expect, it } from 'vitest';
import { markdownToHtml, plainText, plainTextToHtml, safeHttpUrl, sanitizeDescription } from '../../src/text/sanitize.ts';

describe('descriptions from scraped pages', () => {
  it('keep paragraphs, lists, emphasis and http(s) links', () => {
    const html = '<p>Talks <strong>and</strong> <em>pizza</em></p><ul><li>one</li></ul><a href="https://x.example/">RSVP</a>';
    expect(sanitizeDescription(html)).toBe(
      '<p>Talks <strong>and</strong> <em>pizza</em></p><ul><li>one</li></ul><a href="https://x.example/" rel="nofollow ugc">RSVP</a>',
    );
  });

  it('lose scripts, event handlers, styles and frames with their content', () => {
    const html = '<p onclick="steal()">Hi<script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe></p>';
    expect(sanitizeDescription(html)).toBe('<p>Hi</p>');
  });

  it('keep the text of a javascript:, data: or relative link, but not the link', () => {
    const html = '<a href="javascript:alert(1)">one</a> <a href="data:text/html,x">two</a> <a href="/join">three</a>';
    expect(sanitizeDescription(html)).toBe('one two three');
  });

  it('render Meetup Markdown, then sanitize it', () => {
    expect(markdownToHtml('**Bring** a [laptop](https://x.example) <img src=x onerror=alert(1)>')).toBe(
      '<p><strong>Bring</strong> a <a href="https://x.example" rel="nofollow ugc">laptop</a> </p>',
    );
  });

  it('turn plain text into paragraphs with clickable links, markup shown as text', () => {
    expect(plainTextToHtml('Hello <b>all</b>\nsee https://x.example/a.\n\nBye')).toBe(
      '<p>Hello &lt;b&gt;all&lt;/b&gt;<br />see <a href="https://x.example/a" rel="nofollow ugc">https://x.example/a</a>.</p>\n<p>Bye</p>',
    );
  });
});

describe('one-line text and links', () => {
  it('decodes entities and folds white space in titles, keeping angle brackets as text', () => {
    expect(plainText('Intro to &lt;canvas&gt; &amp;\n  WebGL')).toBe('Intro to <canvas> & WebGL');
  });

  it('accepts only absolute http(s) URLs', () => {
    expect(safeHttpUrl('https://x.example/a')).toBe('https://x.example/a');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl('/relative', 'https://x.example/page')).toBe('https://x.example/relative');
  });
});
