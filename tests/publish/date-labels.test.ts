import { describe, expect, it } from 'vitest';
import {
  dateLabel,
  durationWords,
  instantLabel,
  localParts,
  monthLabel,
  plainDateLabel,
  shortDateLabel,
  zoneGenericName,
  zoneLongName,
} from '../../src/publish/view/date-labels.ts';
import { ZONE } from '../helpers/builders.ts';

describe('a day in words', () => {
  it('writes a day in full, short, and without its weekday', () => {
    expect(dateLabel('2026-12-03')).toBe('Thursday, December 3, 2026');
    expect(shortDateLabel('2026-12-03')).toBe('Thu, Dec 3');
    expect(plainDateLabel('2026-12-03')).toBe('December 3, 2026');
  });

  it('names a month with its year', () => {
    expect(monthLabel('2026-11')).toBe('November 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
  });

  it('reads a day as the calendar day it names, never shifted by a time zone', () => {
    expect(dateLabel('2026-01-01')).toBe('Thursday, January 1, 2026');
    expect(dateLabel('2026-12-31')).toBe('Thursday, December 31, 2026');
  });
});

describe('an instant on the site’s clock', () => {
  it('gives the local day, time and zone of an evening that is already tomorrow in UTC', () => {
    expect(localParts('2026-12-04T02:00:00Z', ZONE)).toEqual({ day: '2026-12-03', time: '6:00 PM', zoneName: 'PST' });
  });

  it('skips the hour the clocks spring forward, and names the summer zone after it', () => {
    expect(localParts('2026-03-08T09:30:00Z', ZONE)).toEqual({ day: '2026-03-08', time: '1:30 AM', zoneName: 'PST' });
    expect(localParts('2026-03-08T10:30:00Z', ZONE)).toEqual({ day: '2026-03-08', time: '3:30 AM', zoneName: 'PDT' });
  });

  it('tells the two 1:30 AMs of the night the clocks fall back apart by their zone', () => {
    expect(localParts('2026-11-01T08:30:00Z', ZONE)).toMatchObject({ time: '1:30 AM', zoneName: 'PDT' });
    expect(localParts('2026-11-01T09:30:00Z', ZONE)).toMatchObject({ time: '1:30 AM', zoneName: 'PST' });
  });

  it('names a zone with no English abbreviation by its offset', () => {
    expect(localParts('2026-12-04T02:00:00Z', 'Europe/Berlin')).toEqual({ day: '2026-12-04', time: '3:00 AM', zoneName: 'GMT+1' });
    expect(localParts('2026-12-04T02:00:00Z', 'Asia/Kolkata').zoneName).toBe('GMT+5:30');
  });

  it('says when data was fetched as a date and a time with its zone', () => {
    expect(instantLabel('2026-11-26T10:00:00Z', ZONE)).toBe('November 26, 2026 at 2:00 AM PST');
    expect(instantLabel('2026-07-04T19:30:00Z', ZONE)).toBe('July 4, 2026 at 12:30 PM PDT');
  });
});

describe('a time zone’s name', () => {
  it('names the zone as it is at that instant, standard or daylight time', () => {
    expect(zoneLongName('2026-12-04T02:00:00Z', ZONE)).toBe('Pacific Standard Time');
    expect(zoneLongName('2026-07-04T02:00:00Z', ZONE)).toBe('Pacific Daylight Time');
  });

  it('names the zone the same in every season for the site’s footer', () => {
    expect(zoneGenericName(ZONE, new Date('2026-01-15T12:00:00Z'))).toBe('Pacific Time');
    expect(zoneGenericName(ZONE, new Date('2026-07-15T12:00:00Z'))).toBe('Pacific Time');
  });
});

describe('how long an event lasts', () => {
  it('counts days, hours and minutes, each in the singular or plural', () => {
    expect(durationWords(1)).toBe('1 minute');
    expect(durationWords(90)).toBe('1 hour 30 minutes');
    expect(durationWords(120)).toBe('2 hours');
    expect(durationWords(24 * 60)).toBe('1 day');
    expect(durationWords(3 * 24 * 60)).toBe('3 days');
    expect(durationWords(25 * 60)).toBe('1 day 1 hour');
  });

  it('says "0 minutes" for an event that ends as it starts', () => {
    expect(durationWords(0)).toBe('0 minutes');
  });
});
