import { describe, expect, it } from 'vitest';
import { eventMeta, groupMeta, tagMeta } from '../../src/publish/view/page-meta.ts';
import { eventTimes } from '../../src/publish/view/event-times.ts';
import type { JsonLdInput } from '../../src/publish/view/structured-data.ts';
import type { ListedEvent } from '../../src/types.ts';
import { ZONE, jsonLdInput, listedEvent, storedGroup } from '../helpers/builders.ts';

function metaOf(overrides: Partial<ListedEvent> = {}, extra: Partial<JsonLdInput> = {}) {
  const event = listedEvent(overrides);
  const page = jsonLdInput({ event, group: storedGroup({ imageUrl: 'https://images.example/group.png' }), ...extra });
  return eventMeta(page, eventTimes(event, ZONE, '2026-11-26'), 'IntelliTect');
}

describe('an event page’s head', () => {
  it('titles the page with the event and its date', () => {
    expect(metaOf({ title: 'Python Night' }).title).toBe('Python Night – December 3, 2026');
  });

  it('describes when, where and what in one line, and says so when it is cancelled', () => {
    expect(metaOf().description).toBe('Thursday, December 3, 2026, 6:00 PM – 8:00 PM PST. IntelliTect. Talks and pizza.');
    expect(metaOf({ status: 'cancelled' }).description).toBe('Thursday, December 3, 2026, 6:00 PM – 8:00 PM PST. IntelliTect. Cancelled. Talks and pizza.');
  });

  it('keeps the description short enough for search results', () => {
    expect(metaOf({}, { description: 'word '.repeat(200) }).description.length).toBeLessThanOrEqual(200);
  });

  it('shows the event’s image on a wide social card, else its group’s on a small one, else none of its own', () => {
    const own = metaOf({ imageUrl: 'https://images.example/night.png' });
    expect([own.image, own.twitterCard]).toEqual(['https://images.example/night.png', 'summary_large_image']);
    const group = metaOf({ imageUrl: null });
    expect([group.image, group.twitterCard]).toEqual(['https://images.example/group.png', 'summary']);
    // The layout then shows the site's own picture, wide.
    const none = metaOf({ imageUrl: null }, { group: storedGroup() });
    expect([none.image, none.twitterCard]).toEqual([null, 'summary_large_image']);
  });

  it('asks search engines not to index an event its source no longer lists', () => {
    expect(metaOf().noindex).toBe(false);
    expect(metaOf({ removed: true }).noindex).toBe(true);
  });

  it('dates the page for the sitemap by when the event last changed', () => {
    expect(metaOf({ lastChanged: '2026-11-24T18:00:00Z' }).lastmod).toBe('2026-11-24');
  });

  it('carries the event’s schema.org data, safe inside a script element', () => {
    const jsonLd = metaOf({ title: '</script><script>alert(1)</script>' }).jsonLd!;
    expect(jsonLd).not.toContain('</script>');
    expect(JSON.parse(jsonLd)).toMatchObject({ '@type': 'Event', name: '</script><script>alert(1)</script>' });
  });
});

describe('a group page’s head', () => {
  it('describes the group by its own description, as plain text', () => {
    const meta = groupMeta(storedGroup({ descriptionHtml: '<p>We meet <strong>monthly</strong>.</p>', imageUrl: 'https://images.example/py.png' }));
    expect(meta).toEqual({
      title: 'Spokane Python User Group',
      description: 'We meet monthly.',
      image: 'https://images.example/py.png',
      twitterCard: 'summary',
      noindex: false,
      jsonLd: null,
      lastmod: null,
    });
  });

  it('says what the page offers when the group has no description', () => {
    expect(groupMeta(storedGroup({ descriptionHtml: null })).description).toBe(
      'Spokane Python User Group: upcoming and past events, and a calendar feed to subscribe to.',
    );
  });

  it('shows no image that is not http(s)', () => {
    expect(groupMeta(storedGroup({ imageUrl: 'javascript:alert(1)' })).image).toBeNull();
  });
});

describe('a tag page’s head', () => {
  it('titles and describes the page by its tag', () => {
    expect(tagMeta({ name: 'Python', slug: 'python', path: '/tags/python/' })).toMatchObject({
      title: 'Events tagged Python',
      description: 'Upcoming Python events, and a calendar feed of every Python event to subscribe to.',
    });
  });
});
