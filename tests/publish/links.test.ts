import { describe, expect, it } from 'vitest';
import { addToCalendarLinks, feedLinks, platformName } from '../../src/publish/view/links.ts';
import { storedEvent } from '../helpers/builders.ts';

describe('add to calendar', () => {
  const page = 'https://spokanetech.example/events/x/';

  it('fills Google Calendar’s template with title, UTC times, place and a link back', () => {
    const links = addToCalendarLinks(storedEvent({ title: 'Python & Pizza' }), page, 'Talks.');
    const google = new URL(links.google);
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(google.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: 'Python & Pizza',
      dates: '20261204T020000Z/20261204T040000Z',
      details: `Talks.\n\nDetails: ${page}`,
      location: 'IntelliTect, 1720 W 4th Ave, Spokane, WA 99201',
    });
  });

  it('gives an all-day event as dates, the end the day after, in Google and Outlook', () => {
    const allDay = storedEvent({ title: 'Retreat', allDay: true, start: '2026-12-12', end: '2026-12-13' });
    const links = addToCalendarLinks(allDay, page, '');
    expect(new URL(links.google).searchParams.get('dates')).toBe('20261212/20261213');
    const outlook = new URL(links.outlook).searchParams;
    expect([outlook.get('startdt'), outlook.get('enddt'), outlook.get('allday')]).toEqual(['2026-12-12', '2026-12-13', 'true']);
  });

  it('opens Outlook.com and Microsoft 365 on the same compose form', () => {
    const links = addToCalendarLinks(storedEvent({ title: 'x' }), page, '');
    expect(links.outlook).toMatch(/^https:\/\/outlook\.live\.com\/calendar\/0\/action\/compose\?rru=addevent&/);
    expect(links.office365).toBe(links.outlook.replace('outlook.live.com', 'outlook.office.com'));
  });

  it('keeps long descriptions short enough for a link', () => {
    const links = addToCalendarLinks(storedEvent({ title: 'x' }), page, 'word '.repeat(2000));
    expect(links.google.length).toBeLessThan(2500);
    expect(new URL(links.google).searchParams.get('details')).toContain(`Details: ${page}`);
  });

  it('gives an online event its join link as the place', () => {
    const online = storedEvent({ title: 'x', attendance: 'online', venue: null, onlineUrl: 'https://meet.example/j' });
    expect(new URL(addToCalendarLinks(online, page, '').google).searchParams.get('location')).toBe('https://meet.example/j');
  });
});

describe('subscribe links', () => {
  it('gives https, webcal and Google add-by-URL addresses for a feed, under a path prefix too', () => {
    expect(feedLinks('https://someone.github.io/spokane-tech', '/groups/py/calendar.ics')).toEqual({
      path: '/groups/py/calendar.ics',
      https: 'https://someone.github.io/spokane-tech/groups/py/calendar.ics',
      webcal: 'webcal://someone.github.io/spokane-tech/groups/py/calendar.ics',
      google: 'https://calendar.google.com/calendar/r?cid=webcal://someone.github.io/spokane-tech/groups/py/calendar.ics',
    });
    expect(feedLinks('https://spokanetech.example/', '/calendar.ics').https).toBe('https://spokanetech.example/calendar.ics');
  });
});

describe('where a link goes', () => {
  it('names the platform a link goes to', () => {
    expect(platformName('https://www.meetup.com/x/events/1/')).toBe('Meetup');
    expect(platformName('https://lu.ma/x')).toBe('Luma');
    expect(platformName('https://www.eventbrite.co.uk/e/1')).toBe('Eventbrite');
    expect(platformName('https://example.org/e')).toBe('example.org');
    expect(platformName('javascript:alert(1)')).toBe('the source');
  });
});
