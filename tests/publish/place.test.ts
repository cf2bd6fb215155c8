import { describe, expect, it } from 'vitest';
import { eventPlace, locationText, mapUrl, venueLines } from '../../src/publish/view/place.ts';
import { storedEvent } from '../helpers/builders.ts';

const hive = { name: 'The Hive', address: '2904 E Sprague Ave, Spokane, WA', lat: null, lon: null };

describe('where an event is, in lists', () => {
  it('names the venue of an in-person event, or says the place is to be announced', () => {
    expect(eventPlace(storedEvent({ venue: hive })).placeLabel).toBe('The Hive');
    expect(eventPlace(storedEvent({ venue: { ...hive, name: null } })).placeLabel).toBe('2904 E Sprague Ave, Spokane, WA');
    expect(eventPlace(storedEvent({ venue: null })).placeLabel).toBe('Location to be announced');
  });

  it('says "Online" for an online event, and both for a hybrid one', () => {
    expect(eventPlace(storedEvent({ attendance: 'online', venue: hive })).placeLabel).toBe('Online');
    expect(eventPlace(storedEvent({ attendance: 'hybrid', venue: hive })).placeLabel).toBe('The Hive + Online');
    expect(eventPlace(storedEvent({ attendance: 'hybrid', venue: null })).placeLabel).toBe('Hybrid');
  });
});

describe('where an event is, on its page', () => {
  it('gives an in-person event its venue and map, and no join link', () => {
    const place = eventPlace(storedEvent({ venue: hive, onlineUrl: 'https://meet.example/j' }));
    expect(place.venueLines).toEqual(['The Hive', '2904 E Sprague Ave, Spokane, WA']);
    expect(place.mapUrl).toBe('https://www.openstreetmap.org/search?query=The%20Hive%2C%202904%20E%20Sprague%20Ave%2C%20Spokane%2C%20WA');
    expect(place.onlineLink).toBeNull();
  });

  it('gives an online event its join link and no venue, whatever the source said of one', () => {
    const place = eventPlace(storedEvent({ attendance: 'online', venue: hive, onlineUrl: 'https://meet.example/j' }));
    expect(place).toMatchObject({ venueLines: [], mapUrl: null, onlineLink: 'https://meet.example/j' });
  });

  it('never links a join link that is not http(s)', () => {
    expect(eventPlace(storedEvent({ attendance: 'hybrid', onlineUrl: 'javascript:alert(1)' })).onlineLink).toBeNull();
  });
});

describe('maps and venue lines', () => {
  it('pins coordinates on OpenStreetMap, else searches the address, else gives no map', () => {
    expect(mapUrl({ name: 'Hive', address: null, lat: 47.6588, lon: -117.426 })).toBe(
      'https://www.openstreetmap.org/?mlat=47.65880&mlon=-117.42600#map=17/47.65880/-117.42600',
    );
    expect(mapUrl({ name: 'Hive', address: '2904 E Sprague Ave', lat: null, lon: null })).toBe(
      'https://www.openstreetmap.org/search?query=Hive%2C%202904%20E%20Sprague%20Ave',
    );
    expect(mapUrl({ name: 'Online', address: null, lat: null, lon: null })).toBeNull();
    expect(mapUrl(null)).toBeNull();
  });

  it('shows the venue name once when the address starts with it', () => {
    expect(venueLines({ name: 'Library', address: 'Library, 906 W Main', lat: null, lon: null })).toEqual(['Library, 906 W Main']);
    expect(venueLines({ name: 'Hive', address: '2904 E Sprague', lat: null, lon: null })).toEqual(['Hive', '2904 E Sprague']);
  });
});

describe('the place in one line, for a calendar entry', () => {
  it('gives the venue in one line, or the join link of an online event', () => {
    expect(locationText(storedEvent({ venue: hive }))).toBe('The Hive, 2904 E Sprague Ave, Spokane, WA');
    expect(locationText(storedEvent({ attendance: 'online', venue: null, onlineUrl: 'https://meet.example/j' }))).toBe('https://meet.example/j');
    expect(locationText(storedEvent({ attendance: 'online', venue: null, onlineUrl: null }))).toBe('Online');
    expect(locationText(storedEvent({ venue: null, onlineUrl: null }))).toBe('');
  });
});
