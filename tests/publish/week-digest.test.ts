import { describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/time.ts';
import { thisAndNextWeek, weekDigest } from '../../src/publish/week-digest.ts';
import type { ListedEvent } from '../../src/types.ts';
import { listedEvent, ZONE } from '../helpers/builders.ts';

const SITE = { url: 'https://spokanetech.example/', timezone: ZONE };
const NAMES: Record<string, string> = { 'python-spokane': 'Spokane Python User Group', 'spokane-rust': 'Spokane Rust' };
const groupName = (id: string) => NAMES[id] ?? id;

/** A two-hour event starting at `start` (UTC). */
const at = (id: string, start: string, overrides: Partial<ListedEvent> = {}) =>
  listedEvent({ id, slug: id, title: id, start, end: new Date(Date.parse(start) + 7_200_000).toISOString().replace('.000', ''), ...overrides });

const ids = (digest: ReturnType<typeof weekDigest>) => digest.days.map((d) => [d.day, d.events.map((e) => e.id)]);

// The week of Monday, December 7 to Sunday, December 13, 2026.
const W50 = isoWeekOf('2026-12-09');

describe('a week’s digest', () => {
  it('holds the events that start Monday to Sunday in the site’s zone, day by day, all-day ones first', () => {
    const events = [
      at('thursday-talk', '2026-12-11T02:00:00Z'), // Thursday 6 PM
      at('sunday-late', '2026-12-14T07:30:00Z'), // Sunday 11:30 PM: Monday in UTC
      at('monday-early', '2026-12-07T08:30:00Z'), // Monday 12:30 AM: Monday in UTC too
      at('sunday-before', '2026-12-07T07:30:00Z'), // Sunday 11:30 PM the week before
      at('next-monday', '2026-12-14T08:30:00Z'), // Monday 12:30 AM the week after
      listedEvent({ id: 'thursday-all-day', slug: 'x', allDay: true, start: '2026-12-10', end: '2026-12-11' }),
    ];
    const digest = weekDigest(W50, events, SITE, groupName);
    expect(ids(digest)).toEqual([
      ['2026-12-07', ['monday-early']],
      ['2026-12-10', ['thursday-all-day', 'thursday-talk']],
      ['2026-12-13', ['sunday-late']],
    ]);
    expect(digest.days.map((d) => [d.label, d.shortLabel])).toEqual([
      ['Monday, December 7', 'Mon, Dec 7'],
      ['Thursday, December 10', 'Thu, Dec 10'],
      ['Sunday, December 13', 'Sun, Dec 13'],
    ]);
    expect(digest.days[1]!.events.map((e) => e.time)).toEqual(['All day', '6:00 PM']);
  });

  it('is about its own week, whatever week it is made in: its label, its page and its days', () => {
    const [, next] = thisAndNextWeek('2026-11-26');
    const digest = weekDigest(next, [at('rust', '2026-12-01T02:00:00Z', { groupId: 'spokane-rust' })], SITE, groupName);
    expect(digest).toMatchObject({
      week: '2026-W49',
      monday: '2026-11-30',
      sunday: '2026-12-06',
      label: 'Nov 30 – Dec 6',
      longLabel: 'November 30 – December 6, 2026',
      path: '/week/2026-W49/',
      pageUrl: 'https://spokanetech.example/week/2026-W49/',
      eventCount: 1,
      groupCount: 1,
    });
    expect(digest.days[0]!.label).toBe('Monday, November 30');
    expect(weekDigest(W50, [], SITE, groupName).label).toBe('Dec 7 – 13');
    expect(weekDigest(isoWeekOf('2026-12-30'), [], SITE, groupName)).toMatchObject({ week: '2026-W53', longLabel: 'December 28, 2026 – January 3, 2027' });
  });

  it('gives each event its time, title, group, place, status and page, as the site shows them', () => {
    const events = [
      at('python-night', '2026-12-11T02:00:00Z'),
      at('rust-online', '2026-12-12T02:00:00Z', { groupId: 'spokane-rust', attendance: 'online', venue: null, onlineUrl: 'https://meet.example/x' }),
      at('hybrid', '2026-12-12T03:00:00Z', { attendance: 'hybrid', venue: { name: 'The Hive', address: null, lat: null, lon: null } }),
      at('called-off', '2026-12-13T02:00:00Z', { status: 'cancelled', slug: '../../escape' }),
    ];
    const [thursday, friday, saturday] = weekDigest(W50, events, SITE, groupName).days;
    expect(thursday!.events[0]).toEqual({
      id: 'python-night',
      time: '6:00 PM',
      title: 'python-night',
      groupName: 'Spokane Python User Group',
      place: 'IntelliTect',
      status: 'scheduled',
      pageUrl: 'https://spokanetech.example/events/python-night/',
    });
    expect(friday!.events.map((e) => [e.place, e.groupName])).toEqual([
      ['Online', 'Spokane Rust'],
      ['The Hive + Online', 'Spokane Python User Group'],
    ]);
    expect(saturday!.events[0]).toMatchObject({ status: 'cancelled', time: '6:00 PM' });
    // The same safe address the site gives an event whose stored slug is not safe.
    expect(saturday!.events[0]!.pageUrl).toMatch(/^https:\/\/spokanetech\.example\/events\/escape-[0-9a-f]{8}\/$/);
  });

  it('counts its events and their groups, cancelled ones among them, and leaves out events their source no longer lists', () => {
    const events = [
      at('a', '2026-12-08T02:00:00Z'),
      at('b', '2026-12-09T02:00:00Z', { status: 'cancelled' }),
      at('c', '2026-12-10T02:00:00Z', { groupId: 'spokane-rust' }),
      at('gone', '2026-12-10T03:00:00Z', { groupId: 'elsewhere', removed: true }),
    ];
    const digest = weekDigest(W50, events, SITE, groupName);
    expect([digest.eventCount, digest.groupCount]).toEqual([3, 2]);
    expect(digest.days.flatMap((d) => d.events.map((e) => e.id))).toEqual(['a', 'b', 'c']);
  });

  it('leaves out an event that began in an earlier week, however long it runs', () => {
    const course = at('course', '2026-12-01T17:00:00Z', { end: '2026-12-20T01:00:00Z' });
    const retreat = listedEvent({ id: 'retreat', allDay: true, start: '2026-12-05', end: '2026-12-09' });
    expect(weekDigest(W50, [course, retreat], SITE, groupName).eventCount).toBe(0);
  });

  it('starts on a later day when asked, for a digest posted after its Monday', () => {
    const events = [at('monday', '2026-12-08T02:00:00Z'), at('wednesday', '2026-12-10T02:00:00Z')];
    const digest = weekDigest(W50, events, SITE, groupName, { from: '2026-12-09' });
    expect(ids(digest)).toEqual([['2026-12-09', ['wednesday']]]);
    expect([digest.label, digest.eventCount]).toEqual(['Dec 7 – 13', 1]);
    // A day before the week changes nothing.
    expect(weekDigest(W50, events, SITE, groupName, { from: '2026-11-01' }).eventCount).toBe(2);
  });

  it('says an empty week has no days and no events', () => {
    expect(weekDigest(W50, [], SITE, groupName)).toMatchObject({ days: [], eventCount: 0, groupCount: 0, label: 'Dec 7 – 13' });
  });

  it('puts events on their local days in a week the clocks change in, spring and autumn', () => {
    // Clocks go back on Sunday, November 1, 2026 (the last day of 2026-W44) at 2:00 AM PDT.
    const autumn = isoWeekOf('2026-10-28');
    const fall = [
      at('monday-midnight', '2026-10-26T07:30:00Z'), // Monday 12:30 AM PDT
      at('sunday-early', '2026-11-01T08:30:00Z'), // Sunday 1:30 AM PST, the second 1:30
      at('sunday-late', '2026-11-02T07:30:00Z'), // Sunday 11:30 PM PST
      at('too-late', '2026-11-02T08:30:00Z'), // Monday 12:30 AM PST: the next week
    ];
    const fallDigest = weekDigest(autumn, fall, SITE, groupName);
    expect(ids(fallDigest)).toEqual([
      ['2026-10-26', ['monday-midnight']],
      ['2026-11-01', ['sunday-early', 'sunday-late']],
    ]);
    expect(fallDigest.days[1]!.events.map((e) => e.time)).toEqual(['1:30 AM', '11:30 PM']);

    // Clocks go forward on Sunday, March 14, 2027 (the last day of 2027-W10) at 2:00 AM PST.
    const spring = isoWeekOf('2027-03-10');
    const springEvents = [
      at('monday-midnight', '2027-03-08T08:30:00Z'), // Monday 12:30 AM PST
      at('sunday-morning', '2027-03-14T10:30:00Z'), // Sunday 3:30 AM PDT
      at('sunday-late', '2027-03-15T06:30:00Z'), // Sunday 11:30 PM PDT
      at('too-late', '2027-03-15T07:30:00Z'), // Monday 12:30 AM PDT
    ];
    const springDigest = weekDigest(spring, springEvents, SITE, groupName);
    expect(springDigest.week).toBe('2027-W10');
    expect(ids(springDigest)).toEqual([
      ['2027-03-08', ['monday-midnight']],
      ['2027-03-14', ['sunday-morning', 'sunday-late']],
    ]);
    expect(springDigest.days[1]!.events.map((e) => e.time)).toEqual(['3:30 AM', '11:30 PM']);
  });
});

describe('the weeks the site has digests for', () => {
  it('are this ISO week and the next, Monday to Sunday, across a year’s end', () => {
    expect(thisAndNextWeek('2026-11-26').map((w) => w.id)).toEqual(['2026-W48', '2026-W49']);
    expect(thisAndNextWeek('2026-11-29').map((w) => [w.monday, w.sunday])).toEqual([
      ['2026-11-23', '2026-11-29'],
      ['2026-11-30', '2026-12-06'],
    ]);
    expect(thisAndNextWeek('2026-12-31').map((w) => w.id)).toEqual(['2026-W53', '2027-W01']);
  });
});
