import { describe, expect, it } from 'vitest';
import { eventTimes, hasEnded, timeRangeLabel } from '../../src/publish/view/event-times.ts';
import type { StoredEvent } from '../../src/types.ts';
import { NOW, ZONE, storedEvent } from '../helpers/builders.ts';

const TODAY = '2026-11-26';
const timesOf = (overrides: Partial<StoredEvent> = {}) => eventTimes(storedEvent(overrides), ZONE, TODAY);

describe('when a timed event is, in words', () => {
  it('shows the local date and time with the zone named', () => {
    const when = timesOf();
    expect(when.dateLabel).toBe('Thursday, December 3, 2026');
    expect(when.timeLabel).toBe('6:00 PM – 8:00 PM PST');
    expect(when.dateTimeLabel).toBe('Thursday, December 3, 2026, 6:00 PM – 8:00 PM PST');
    expect([when.zoneAbbreviation, when.zoneName]).toEqual(['PST', 'Pacific Standard Time']);
  });

  it('gives the event page its start and end, and lists a short line with the date', () => {
    const when = timesOf();
    expect([when.startLabel, when.endLabel]).toEqual(['Thursday, December 3, 2026, 6:00 PM', '8:00 PM']);
    expect([when.startTimeLabel, when.shortDateLabel, when.shortDateTimeLabel]).toEqual(['6:00 PM', 'Thu, Dec 3', 'Thu, Dec 3, 6:00 PM – 8:00 PM PST']);
  });

  it('adds the year to the short line only for a year other than this one', () => {
    expect(timesOf({ start: '2027-01-03T02:00:00Z', end: '2027-01-03T04:00:00Z' }).shortDateTimeLabel).toBe('Sat, Jan 2, 2027, 6:00 PM – 8:00 PM PST');
  });

  it('shows an evening past midnight as one evening, and a longer event with its last day', () => {
    const late = timesOf({ start: '2026-12-01T07:30:00Z', end: '2026-12-01T09:00:00Z' });
    expect([late.day, late.timeLabel, late.days]).toEqual(['2026-11-30', '11:30 PM – 1:00 AM PST', ['2026-11-30']]);
    const weekend = timesOf({ start: '2026-12-05T17:00:00Z', end: '2026-12-07T01:00:00Z' });
    expect(weekend.days).toEqual(['2026-12-05', '2026-12-06']);
    expect(weekend.shortDateTimeLabel).toBe('Sat, Dec 5, 9:00 AM – Sun, Dec 6, 5:00 PM PST');
    expect(weekend.shortDateRangeLabel).toBe('Sat, Dec 5 – Sun, Dec 6');
    expect(weekend.endLabel).toBe('Sunday, December 6, 2026, 5:00 PM');
    expect(weekend.lastDay).toBe('2026-12-06');
  });

  it('says how long an event lasts, and gives its times with the offset for machines', () => {
    const when = timesOf({ end: '2026-12-04T03:30:00Z' });
    expect(when.durationLabel).toBe('1 hour 30 minutes');
    expect([when.startIso, when.endIso]).toEqual(['2026-12-03T18:00:00-08:00', '2026-12-03T19:30:00-08:00']);
    expect(when.zoneName).toBe('Pacific Standard Time');
  });

  it('gives the time where the organizer is when their clock differs from the site’s', () => {
    expect(timesOf({ timezone: 'America/New_York' }).ownZoneLabel).toBe('Thursday, December 3, 2026, 9:00 PM – 11:00 PM EST (America/New York)');
    expect(timesOf({ timezone: 'America/Vancouver' }).ownZoneLabel).toBeNull();
    expect(timesOf({ timezone: null }).ownZoneLabel).toBeNull();
  });
});

describe('when an all-day event is, in words', () => {
  it('shows a one-day event as all day, with no end and no zone', () => {
    const when = timesOf({ allDay: true, start: '2026-12-12', end: '2026-12-13' });
    expect([when.timeLabel, when.startLabel, when.endLabel]).toEqual(['All day', 'Saturday, December 12, 2026', null]);
    expect([when.shortDateTimeLabel, when.dateTimeLabel]).toEqual(['Sat, Dec 12, all day', 'Saturday, December 12, 2026, all day']);
    expect([when.startIso, when.endIso, when.zoneAbbreviation, when.durationLabel]).toEqual(['2026-12-12', '2026-12-12', null, '1 day']);
  });

  it('shows a conference over a weekend from its first day to its last, the end date exclusive as in iCalendar', () => {
    const when = timesOf({ allDay: true, start: '2026-12-04', end: '2026-12-07' });
    expect(when.days).toEqual(['2026-12-04', '2026-12-05', '2026-12-06']);
    expect(when.timeLabel).toBe('All day, through Sun, Dec 6');
    expect(when.shortDateRangeLabel).toBe('Fri, Dec 4 – Sun, Dec 6');
    expect(when.dateTimeLabel).toBe('Friday, December 4, 2026 – Sunday, December 6, 2026');
    expect([when.endLabel, when.endIso, when.durationLabel]).toEqual(['Sunday, December 6, 2026', '2026-12-06', '3 days']);
  });

  it('counts an event whose end comes before its start as one day', () => {
    expect(timesOf({ allDay: true, start: '2026-12-12', end: '2026-12-10' }).days).toEqual(['2026-12-12']);
  });

  it('lists a year-long event on its first two months of days at most', () => {
    expect(timesOf({ allDay: true, start: '2026-01-01', end: '2027-01-01' }).days).toHaveLength(62);
  });
});

describe('when an event has ended', () => {
  it('ends a timed event at its end time', () => {
    const talk = storedEvent({ start: '2026-11-26T18:00:00Z', end: '2026-11-26T20:00:00Z' });
    expect(hasEnded(talk, new Date('2026-11-26T19:59:00Z'), TODAY)).toBe(false);
    expect(hasEnded(talk, NOW, TODAY)).toBe(true);
  });

  it('ends an all-day event once its last day is over in the site’s zone', () => {
    const today = storedEvent({ allDay: true, start: '2026-11-26', end: '2026-11-27' });
    expect(hasEnded(today, NOW, '2026-11-26')).toBe(false);
    expect(hasEnded(today, NOW, '2026-11-27')).toBe(true);
  });
});

describe('a time range', () => {
  it('names the end’s day only for an event longer than a day', () => {
    expect(timeRangeLabel({ allDay: false, start: '2026-12-05T17:00:00Z', end: '2026-12-07T01:00:00Z' }, ZONE)).toBe(
      '9:00 AM – Sunday, December 6, 2026 5:00 PM PST',
    );
  });
});
