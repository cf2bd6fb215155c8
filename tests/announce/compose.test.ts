import { describe, expect, it } from 'vitest';
import type { AnnouncedEvent, Announcement } from '../../src/announce/announcement.ts';
import { blueskyPost, BLUESKY_MAX_GRAPHEMES } from '../../src/announce/compose/bluesky.ts';
import { discordMessage } from '../../src/announce/compose/discord.ts';
import { mastodonStatus, MASTODON_MAX_CHARS } from '../../src/announce/compose/mastodon.ts';
import { cutGraphemes, graphemeCount, mastodonLength, utf8Offset } from '../../src/announce/compose/text.ts';
import type { WeekDigest } from '../../src/publish/week-digest.ts';

const PAGE = 'https://spokanetech.example/events/2026-12-03-python-night-abc123/';
const event = (overrides: Partial<AnnouncedEvent> = {}): AnnouncedEvent => ({
  id: 'abc123',
  title: 'Python Night: Async & You',
  when: 'Thu, Dec 3, 6:00 – 8:00 PM PST',
  startsAt: '2026-12-04T02:00:00Z',
  allDay: false,
  groupName: 'Spokane Python User Group',
  place: 'IntelliTect',
  status: 'scheduled',
  pageUrl: PAGE,
  ...overrides,
});
const announce = (overrides: Partial<AnnouncedEvent> = {}): Announcement => ({ kind: 'new', key: 'new:abc123', event: event(overrides) });

// A family emoji (7 code points, one grapheme) and an e with two combining accents (3 code points, one grapheme).
const FAMILY = '👨‍👩‍👧‍👦';
const ACCENTED = 'e\u0301\u0302';

describe('counting as the platforms count', () => {
  it('counts an emoji sequence or an accented letter as one grapheme, and cuts around them, never through', () => {
    expect(graphemeCount(`${FAMILY}${ACCENTED}x`)).toBe(3);
    expect(cutGraphemes(`${FAMILY.repeat(5)}`, 3)).toBe(`${FAMILY}${FAMILY}…`);
    expect(cutGraphemes(`${ACCENTED.repeat(4)}`, 2)).toBe(`${ACCENTED}…`);
  });

  it('gives UTF-8 byte offsets for text holding emoji and accents', () => {
    const text = `${FAMILY} é ${PAGE}`;
    expect(utf8Offset(text, text.indexOf(PAGE))).toBe(25 + 1 + 2 + 1);
  });

  it('counts a link as 23 characters for Mastodon, whatever its length', () => {
    expect(mastodonLength(`Go ${PAGE}`)).toBe(3 + 23);
  });
});

describe('a Mastodon status', () => {
  it('says what, when, who and where, then links the event’s page', () => {
    expect(mastodonStatus(announce(), 'Spokane Tech')).toBe(
      `New: Python Night: Async & You\nThu, Dec 3, 6:00 – 8:00 PM PST\nSpokane Python User Group · IntelliTect\n${PAGE}`,
    );
  });

  it('stays within 500 characters with a 2,000-character emoji title, and keeps the link whole', () => {
    const status = mastodonStatus(announce({ title: `${FAMILY}${ACCENTED} `.repeat(400) }), 'Spokane Tech');
    expect(mastodonLength(status)).toBeLessThanOrEqual(MASTODON_MAX_CHARS);
    expect(status.endsWith(`\n${PAGE}`)).toBe(true);
  });

  it('says a change with what it was', () => {
    const changed: Announcement = { kind: 'changed', key: 'changed:abc123:2', event: event(), what: 'time', was: 'Wed, Dec 2, 6:00 – 8:00 PM PST' };
    expect(mastodonStatus(changed, 'Spokane Tech')).toContain('Time changed: Python Night: Async & You\n');
    expect(mastodonStatus(changed, 'Spokane Tech')).toContain('\nWas: Wed, Dec 2, 6:00 – 8:00 PM PST\n');
  });
});

describe('a Bluesky post', () => {
  it('links the page with a facet whose byte range covers exactly its address', () => {
    const post = blueskyPost(announce({ title: `${FAMILY} Rust & Café ${ACCENTED}` }), 'Spokane Tech', new Date('2026-12-01T12:00:00Z'));
    const bytes = Buffer.from(post.text, 'utf8');
    const [facet] = post.facets;
    expect(bytes.subarray(facet!.index.byteStart, facet!.index.byteEnd).toString('utf8')).toBe(PAGE);
    expect(facet!.features).toEqual([{ $type: 'app.bsky.richtext.facet#link', uri: PAGE }]);
    expect(post).toMatchObject({ $type: 'app.bsky.feed.post', langs: ['en'], createdAt: '2026-12-01T12:00:00.000Z' });
  });

  it('stays within 300 graphemes with a long title of emoji and combining characters', () => {
    const post = blueskyPost(announce({ title: `${FAMILY}${ACCENTED}`.repeat(500), groupName: 'G'.repeat(500) }), 'Spokane Tech', new Date());
    expect(graphemeCount(post.text)).toBeLessThanOrEqual(BLUESKY_MAX_GRAPHEMES);
    expect(post.text.endsWith(PAGE)).toBe(true);
  });
});

describe('a Discord message', () => {
  it('has an embed with the title, the page, the start as a timestamp, the place and the group', () => {
    const message = discordMessage(announce(), 'Spokane Tech');
    const [embed] = message.embeds;
    expect(embed).toMatchObject({ title: 'Python Night: Async & You', url: PAGE, timestamp: '2026-12-04T02:00:00Z' });
    expect(embed!.fields).toEqual([
      { name: 'When', value: '<t:1796349600:F> (<t:1796349600:R>)', inline: false },
      { name: 'Where', value: 'IntelliTect', inline: true },
      { name: 'Group', value: 'Spokane Python User Group', inline: true },
    ]);
  });

  it('pings nobody and renders no markdown from a hostile title', () => {
    const message = discordMessage(announce({ title: '@everyone **free** <@123> [click](https://evil.example)', place: 'Online' }), 'Spokane Tech');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds[0]!.title).toBe(String.raw`\@everyone \*\*free\*\* \<\@123\> \[click\]\(https://evil.example\)`);
  });
});

describe('the week’s digest', () => {
  const digest: WeekDigest = {
    week: '2026-W50',
    monday: '2026-12-07',
    sunday: '2026-12-13',
    label: 'Dec 7 – 13',
    longLabel: 'December 7 – 13, 2026',
    path: '/week/2026-W50/',
    pageUrl: 'https://spokanetech.example/week/2026-W50/',
    days: Array.from({ length: 7 }, (_, d) => ({
      day: `2026-12-${String(7 + d).padStart(2, '0')}`,
      label: `Day ${d + 1} in full`,
      shortLabel: `Day ${d + 1}`,
      events: Array.from({ length: 6 }, (_, i) => ({
        id: `e${d}${i}`,
        time: '6:00 PM',
        title: `Event ${d}-${i} ${FAMILY}`,
        groupName: 'Group',
        place: 'Online',
        status: d === 0 && i === 0 ? ('cancelled' as const) : ('scheduled' as const),
        pageUrl: `https://spokanetech.example/events/e${d}${i}/`,
      })),
    })),
    eventCount: 42,
    groupCount: 9,
  };
  const announcement: Announcement = { kind: 'digest', key: 'digest:2026-W50', digest };

  it('fits every platform’s limit, says how many more there are, and links the week’s page', () => {
    const status = mastodonStatus(announcement, 'Spokane Tech');
    expect(mastodonLength(status)).toBeLessThanOrEqual(MASTODON_MAX_CHARS);
    expect(status).toMatch(/^This week on Spokane Tech \(Dec 7 – 13\): 42 events from 9 groups\./);
    expect(status).toMatch(/…and \d+ more\n\nAll of them: https:\/\/spokanetech\.example\/week\/2026-W50\/$/);

    const post = blueskyPost(announcement, 'Spokane Tech', new Date());
    expect(graphemeCount(post.text)).toBeLessThanOrEqual(BLUESKY_MAX_GRAPHEMES);
    expect(post.text.endsWith(digest.pageUrl)).toBe(true);

    const embed = discordMessage(announcement, 'Spokane Tech').embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toContain('**Day 1**');
  });

  it('marks a cancelled event as cancelled on every platform', () => {
    expect(mastodonStatus(announcement, 'Spokane Tech')).toContain('6:00 PM (cancelled) Event 0-0');
    expect(blueskyPost(announcement, 'Spokane Tech', new Date()).text).toContain('6:00 PM (cancelled) Event 0-0');
    expect(discordMessage(announcement, 'Spokane Tech').embeds[0]!.description).toContain('~~[Event 0\\-0');
  });
});
