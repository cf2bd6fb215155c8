import { describe, expect, it } from 'vitest';
import { mergeDuplicates } from '../../src/publish/duplicates.ts';
import { readLumaItems } from '../../src/sources/luma/items.ts';
import type { StoredEvent, SourceEvent } from '../../src/types.ts';
import { describeRealFixtures, realFixtureText } from '../helpers/fixtures.ts';
import { storedEvent } from '../helpers/builders.ts';

const NO_OVERRIDES = { merge: [], split: [] };

function listing(overrides: Partial<StoredEvent> & { id: string }): StoredEvent {
  return storedEvent({ slug: overrides.id, sourceEventId: overrides.id, venue: null, url: null, descriptionHtml: '', ...overrides });
}

const meetup = listing({ id: 'm1', url: 'https://www.meetup.com/python-spokane/events/301/' });
const luma = listing({
  id: 'l1',
  groupId: 'spokane-tech',
  sourceType: 'luma',
  sourceUrl: 'https://api.lu.ma/ics/get?entity=calendar&id=cal-1',
  title: 'Spokane Python: monthly meetup',
  firstSeen: '2026-11-05T00:00:00Z',
  url: 'https://meetup.com/Python-Spokane/events/301?utm_source=luma',
});

describe('one event listed by two sources', () => {
  it('is shown once when both link to the same event page, with the other listing as "also listed on"', () => {
    const listed = mergeDuplicates([meetup, luma], NO_OVERRIDES);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.id).toBe('m1');
    expect(listed[0]!.alsoListedOn).toEqual([{ groupId: 'spokane-tech', sourceType: 'luma', url: luma.url }]);
  });

  it('keeps the listing seen first as the event, so its feed UID does not change', () => {
    const earlierLuma = { ...luma, firstSeen: '2026-10-01T00:00:00Z' };
    expect(mergeDuplicates([meetup, earlierLuma], NO_OVERRIDES)[0]!.id).toBe('l1');
  });

  it('is shown once when titles match and starts are within half an hour', () => {
    const eventbrite = listing({
      id: 'e1',
      groupId: 'inch360',
      sourceType: 'eventbrite',
      sourceUrl: 'https://www.eventbrite.com/o/inch360-72020528223',
      title: 'PYTHON night!',
      start: '2026-12-04T02:15:00Z',
      firstSeen: '2026-11-02T00:00:00Z',
    });
    expect(mergeDuplicates([meetup, eventbrite], NO_OVERRIDES)).toHaveLength(1);
  });

  it('stays two events when the same title is hours apart', () => {
    const later = listing({ id: 'e1', groupId: 'other', sourceUrl: 'https://other.example/', start: '2026-12-04T06:00:00Z' });
    expect(mergeDuplicates([meetup, later], NO_OVERRIDES)).toHaveLength(2);
  });

  it('never merges two events of the same source, such as instances of a series sharing a link', () => {
    const sameSource = listing({ id: 'm2', url: meetup.url });
    expect(mergeDuplicates([meetup, sameSource], NO_OVERRIDES)).toHaveLength(2);
  });

  it('never folds two events of one source together through a third listing that matches both', () => {
    const second = listing({ id: 'm2', url: meetup.url, start: '2026-12-11T02:00:00Z', end: '2026-12-11T04:00:00Z' });
    const listed = mergeDuplicates([meetup, second, luma], NO_OVERRIDES);
    expect(listed.map((e) => e.id).sort()).toEqual(['m1', 'm2']);
    expect(listed.flatMap((e) => e.alsoListedOn)).toHaveLength(1);
  });

  it('merges a pair the maintainer listed under duplicates.merge', () => {
    const unrelated = { ...luma, url: 'https://lu.ma/py-night' };
    expect(mergeDuplicates([meetup, unrelated], NO_OVERRIDES)).toHaveLength(2);
    const merged = mergeDuplicates([meetup, unrelated], { merge: [[meetup.url!, 'https://lu.ma/py-night']], split: [] });
    expect(merged).toHaveLength(1);
  });

  it('keeps apart a pair the maintainer listed under duplicates.split', () => {
    const split = { merge: [], split: [['https://www.meetup.com/python-spokane/events/301/', luma.url!]] as [string, string][] };
    expect(mergeDuplicates([meetup, luma], split)).toHaveLength(2);
  });
});

describeRealFixtures('a real Luma calendar re-listing a Meetup event', () => {
  it('is shown once, as the Meetup event, with the Luma calendar under "also listed on"', () => {
    const { entries } = JSON.parse(realFixtureText('luma/calendar-get-items-external-event.json')) as { entries: unknown[] };
    const [item] = readLumaItems(entries).items;
    const fromLuma: SourceEvent = item!.event;
    const lumaListing = listing({
      ...fromLuma,
      id: 'luma-listing',
      groupId: 'upwise',
      sourceType: 'luma',
      sourceUrl: 'https://api.lu.ma/ics/get?entity=calendar&id=cal-jLDJBTnVF9QGY6V',
      firstSeen: '2025-10-10T00:00:00Z',
    });
    const meetupListing = listing({
      id: 'meetup-listing',
      groupId: 'hack-greenville',
      sourceUrl: 'https://www.meetup.com/hack-greenville/',
      sourceEventId: '310839956',
      title: 'HackGreenville Nights - Fall Edition',
      start: fromLuma.start,
      end: fromLuma.end,
      url: 'https://www.meetup.com/hack-greenville/events/310839956/',
      firstSeen: '2025-10-01T00:00:00Z',
    });

    const listed = mergeDuplicates([lumaListing, meetupListing], NO_OVERRIDES);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.id).toBe('meetup-listing');
    expect(listed[0]!.alsoListedOn).toEqual([
      { groupId: 'upwise', sourceType: 'luma', url: 'https://www.meetup.com/hack-greenville/events/310839956/' },
    ]);
  });
});
