// A corpus of hostile strings: what an organizer (or whoever took over their account) could type
// into a title, a venue, a group's name or an event's description. Each payload, if the site let
// it run, would set window.__pwned (the flag the browser tests watch for) to its own number; the
// HTML checks in hostile-site.test.ts look for what would let it run instead: script elements,
// event-handler attributes, javascript:/data: URLs, markup that escapes its context.
//
// Sources of inspiration: the OWASP XSS filter evasion cheat sheet, PortSwigger's XSS cheat sheet,
// DOMPurify's mutation-XSS test cases. Every payload is our own text.

const pwn = (n: number) => `window.__pwned=${n}`;

export interface Payload {
  /** What kind of trick it is, for test names and failure messages. */
  kind: string;
  text: string;
}

let count = 0;
const p = (kind: string, make: (js: string) => string): Payload => {
  count += 1;
  return { kind, text: make(pwn(count)) };
};

export const XSS_PAYLOADS: Payload[] = [
  // Script elements, plain and disguised
  p('script tag', (js) => `<script>${js}</script>`),
  p('script tag, upper case with src', () => `<SCRIPT SRC=https://xss.example/x.js></SCRIPT>`),
  p('script tag closing a script', (js) => `</script><script>${js}</script>`),
  p('script tag closing the title', (js) => `</title><script>${js}</script>`),
  p('script tag closing a textarea', (js) => `</textarea><script>${js}</script>`),
  p('script tag closing a style', (js) => `</style><script>${js}</script>`),
  p('nested script tags', (js) => `<scr<script>ipt>${js}</scr</script>ipt>`),
  p('doubled angle brackets', (js) => `<<script>script>${js}<</script>/script>`),
  p('script in a comment', (js) => `<!--<script>${js}</script>-->`),
  p('comment breakout', (js) => `--><script>${js}</script><!--`),
  p('script in a template', (js) => `<template><script>${js}</script></template>`),
  p('script in raw-text xmp', (js) => `<xmp><script>${js}</script></xmp>`),
  p('img in noembed', (js) => `<noembed><img src=x onerror=${js}></noembed>`),
  p('script with a bogus type', (js) => `<script type="text/javascript;x">${js}</script>`),
  // Event-handler attributes
  p('img onerror', (js) => `<img src=x onerror=${js}>`),
  p('img onerror, unclosed', (js) => `<img src=1 onerror=${js}//`),
  p('svg onload', (js) => `<svg onload=${js}>`),
  p('body onload', (js) => `<body onload=${js}>`),
  p('p onmouseover', (js) => `<p onmouseover="${js}">hover</p>`),
  p('details ontoggle', (js) => `<details open ontoggle=${js}>`),
  p('input autofocus onfocus', (js) => `<input autofocus onfocus=${js}>`),
  p('video source onerror', (js) => `<video><source onerror="${js}"></video>`),
  p('link with onclick beside a good href', (js) => `<a href="https://ok.example/" onclick="${js}">ok</a>`),
  p('slash instead of space', (js) => `<img/src=x/onerror=${js}>`),
  // Dangerous URLs
  p('javascript: link', (js) => `<a href="javascript:${js}">click</a>`),
  p('javascript: link, mixed case', (js) => `<a href="JaVaScRiPt:${js}">click</a>`),
  p('javascript: link, leading space', (js) => `<a href=" javascript:${js}">click</a>`),
  p('javascript: link, tab inside', (js) => `<a href="java\tscript:${js}">click</a>`),
  p('javascript: link, decimal entities', (js) => `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${js}">click</a>`),
  p('javascript: link, hex entities', (js) => `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${js}">click</a>`),
  p('javascript: link, named entity colon', (js) => `<a href="javascript&colon;${js}">click</a>`),
  p('data: link to HTML', () => `<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">click</a>`),
  p('vbscript: link', () => `<a href="vbscript:msgbox(1)">click</a>`),
  p('iframe javascript:', (js) => `<iframe src="javascript:${js}"></iframe>`),
  p('iframe srcdoc', (js) => `<iframe srcdoc="<script>parent.${js}</script>"></iframe>`),
  p('object data: URL', (js) => `<object data="data:text/html,<script>${js}</script>"></object>`),
  p('embed javascript:', (js) => `<embed src="javascript:${js}">`),
  p('form action', (js) => `<form action="javascript:${js}"><button>go</button></form>`),
  p('button formaction', (js) => `<button formaction="javascript:${js}">go</button>`),
  p('meta refresh', (js) => `<meta http-equiv="refresh" content="0;url=javascript:${js}">`),
  p('base href', () => `<base href="javascript:/a/">`),
  p('style url()', (js) => `<div style="background:url(javascript:${js})">styled</div>`),
  p('style element import', (js) => `<style>@import 'javascript:${js}';</style>`),
  // SVG and MathML
  p('svg script', (js) => `<svg><script>${js}</script></svg>`),
  p('svg xlink:href', (js) => `<svg><a xlink:href="javascript:${js}"><text x="0" y="10">x</text></a></svg>`),
  p('svg animate onbegin', (js) => `<svg><animate onbegin=${js} attributeName=x dur=1s>`),
  p('svg use data:', () => `<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCc+PC9zdmc+#x"/></svg>`),
  p('math href', (js) => `<math href="javascript:${js}">x</math>`),
  p('mathml mutation', (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`),
  p('noscript mutation', (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`),
  // Entity-encoded and broken markup
  p('entity-encoded script', (js) => `&lt;script&gt;${js}&lt;/script&gt;`),
  p('numeric-entity img', (js) => `&#60;img src=x onerror=${js}&#62;`),
  p('double-encoded script', (js) => `&amp;lt;script&amp;gt;${js}&amp;lt;/script&amp;gt;`),
  p('unclosed attribute', (js) => `<a href="https://ok.example/ onmouseover=${js} x="`),
  // Attribute breakouts (titles, venue names and group names end up in attributes too)
  p('double-quote breakout', (js) => `"><script>${js}</script>`),
  p('single-quote breakout', (js) => `' onmouseover='${js}' x='`),
  p('quote breakout with autofocus', (js) => `" onfocus="${js}" autofocus="`),
  p('backtick breakout', (js) => '`' + ` onmouseover=${js} ` + '`'),
  // Scripts' own syntax, for text that lands inside JSON-LD or a template
  p('line separators in JSON', (js) => `\u2028${js}\u2029`),
  p('template syntax', () => `{{ 7 * 7 }}{% raw %}{{ constructor.constructor('window.__pwned=1')() }}{% endraw %}`),
  p('JavaScript template literal', (js) => `\${${js}}`),
];

/** URL fields (event links, images, online links) given something other than http(s). */
export const HOSTILE_URLS = [
  'javascript:window.__pwned="url"',
  'JAVASCRIPT:window.__pwned="url"',
  ' javascript:window.__pwned="url"',
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0idXJsIjwvc2NyaXB0Pg==',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEiLz4=',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/protocol-relative',
];

/** Harmless formatting that must survive sanitizing, as an organizer writes it. */
export const HARMLESS_HTML =
  '<p>Join us for <strong>talks</strong> and <em>pizza</em>.</p>' +
  '<ul><li>Lightning talks</li><li>Networking</li></ul>' +
  '<ol><li>First</li><li>Second</li></ol>' +
  '<p>Register at <a href="https://rsvp.example/night">rsvp.example</a>.</p>';

/** The same in Meetup's Markdown. */
export const HARMLESS_MARKDOWN =
  'Join us for **talks** and *pizza*.\n\n' +
  '- Lightning talks\n- Networking\n\n' +
  '1. First\n2. Second\n\n' +
  'Register at [rsvp.example](https://rsvp.example/night).';
