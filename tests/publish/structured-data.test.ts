import { describe, expect, it } from 'vitest';
import { jsonLdInput, storedGroup } from '../helpers/builders.ts';
import { eventJsonLd, jsonForScript, postalAddress, type JsonLdInput } from '../../src/publish/view/structured-data.ts';
import { event } from '../site/snapshot.ts';

function ld(overrides: Parameters<typeof event>[0], extra: Partial<JsonLdInput> = {}) {
  return eventJsonLd(jsonLdInput({ event: event(overrides), ...extra }));
}

describe('schema.org Event data for search engines', () => {
  it('gives start and end in local time with the offset', () => {
    expect(ld({ title: 'x', start: '2026-12-04T02:00:00Z', end: '2026-12-04T04:00:00Z' })).toMatchObject({
      startDate: '2026-12-03T18:00:00-08:00',
      endDate: '2026-12-03T20:00:00-08:00',
    });
    expect(ld({ title: 'x', start: '2026-07-04T02:00:00Z', end: '2026-07-04T04:00:00Z' }).startDate).toBe('2026-07-03T19:00:00-07:00');
  });

  it('gives an all-day event its first and last day as dates', () => {
    expect(ld({ title: 'x', allDay: true, start: '2026-12-18', end: '2026-12-21' })).toMatchObject({
      startDate: '2026-12-18',
      endDate: '2026-12-20',
    });
  });

  it('says cancelled, postponed, rescheduled (with the earlier start) or scheduled', () => {
    expect(ld({ title: 'x', status: 'cancelled' }).eventStatus).toBe('https://schema.org/EventCancelled');
    expect(ld({ title: 'x', status: 'postponed' }).eventStatus).toBe('https://schema.org/EventPostponed');
    expect(ld({ title: 'x' }).eventStatus).toBe('https://schema.org/EventScheduled');
    const moved = ld({
      title: 'x',
      changes: [{ at: '2026-11-24T00:00:00Z', fields: ['time'], previous: { start: '2026-12-03T02:00:00Z', end: '2026-12-03T04:00:00Z', allDay: false } }],
    });
    expect(moved).toMatchObject({ eventStatus: 'https://schema.org/EventRescheduled', previousStartDate: '2026-12-02T18:00:00-08:00' });
  });

  it('places an in-person event at a Place with a PostalAddress and coordinates', () => {
    expect(ld({ title: 'x' }).location).toEqual({
      '@type': 'Place',
      name: 'IntelliTect',
      address: {
        '@type': 'PostalAddress',
        streetAddress: '1720 W 4th Ave',
        addressLocality: 'Spokane',
        addressRegion: 'WA',
        postalCode: '99201',
        addressCountry: 'US',
      },
      geo: { '@type': 'GeoCoordinates', latitude: 47.6529, longitude: -117.4368 },
    });
    expect(ld({ title: 'x' }).eventAttendanceMode).toBe('https://schema.org/OfflineEventAttendanceMode');
  });

  it('places an online event at a VirtualLocation, its source page when the join link is private', () => {
    const online = ld({ title: 'x', attendance: 'online', venue: null, onlineUrl: null, url: 'https://www.meetup.com/a/events/1/' });
    expect(online.location).toEqual({ '@type': 'VirtualLocation', url: 'https://www.meetup.com/a/events/1/' });
    expect(online.eventAttendanceMode).toBe('https://schema.org/OnlineEventAttendanceMode');
  });

  it('places a hybrid event at both, as a mixed event', () => {
    const hybrid = ld({ title: 'x', attendance: 'hybrid', onlineUrl: 'https://meet.example/x' });
    expect((hybrid.location as { '@type': string }[]).map((l) => l['@type'])).toEqual(['Place', 'VirtualLocation']);
    expect(hybrid.eventAttendanceMode).toBe('https://schema.org/MixedEventAttendanceMode');
  });

  it('leaves the location out rather than invent one when the source gives none', () => {
    expect(ld({ title: 'x', venue: null })).not.toHaveProperty('location');
  });

  it('names the group as organizer, the event image or else the group image, and this page as url', () => {
    const data = ld(
      { title: 'x', imageUrl: null },
      { group: storedGroup({ id: 'g', name: 'G', homepage: 'https://g.example/', imageUrl: 'https://img.example/g.png', sources: [] }) },
    );
    expect(data.organizer).toEqual({ '@type': 'Organization', name: 'Spokane Python User Group', url: 'https://g.example/' });
    expect(data.image).toEqual(['https://img.example/g.png']);
    expect(data.url).toBe('https://spokanetech.example/events/x/');
    expect(data.description).toBe('Talks and pizza.');
  });
});

describe('JSON inside a script element', () => {
  it('cannot close the script: < > & and line separators are escaped, and it parses back the same', () => {
    const value = { name: '</script><script>alert(1)</script> & \u2028 \u2029 <!--' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('one-line addresses', () => {
  it('splits the usual US shape into its parts, and keeps anything else whole', () => {
    expect(postalAddress('906 W Main Ave, Spokane, WA')).toEqual({
      '@type': 'PostalAddress',
      streetAddress: '906 W Main Ave',
      addressLocality: 'Spokane',
      addressRegion: 'WA',
    });
    expect(postalAddress('Hive, 2904 E Sprague Ave, Spokane, WA 99202, USA')).toMatchObject({
      streetAddress: 'Hive, 2904 E Sprague Ave',
      postalCode: '99202',
      addressCountry: 'US',
    });
    expect(postalAddress('Somewhere downtown')).toEqual({ '@type': 'PostalAddress', streetAddress: 'Somewhere downtown' });
  });
});
