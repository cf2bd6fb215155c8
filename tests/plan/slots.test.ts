import { describe, expect, it } from 'vitest';
import { describeConfidence, describeSlots } from '../../src/plan/describe.ts';
import { planAhead } from '../../src/plan/index.ts';
import { recogniseSlots } from '../../src/plan/slots.ts';
import { NOW, ZONE } from '../helpers/builders.ts';
import { eventsOn, everyWeek, meetingsOn, monthly } from '../helpers/histories.ts';

/** The builders' clock: Thursday, November 26, 2026. */
const TODAY = '2026-11-26';
const [TUESDAY, WEDNESDAY, THURSDAY] = [2, 3, 4];

/** A group's slots in words, as its page says them, from its meetings as of TODAY. */
const slotsOf = (...histories: Parameters<typeof recogniseSlots>[0][]) => describeSlots(recogniseSlots(histories.flat(), TODAY));

describe("a group's regular slot", () => {
  it('is every Thursday at 7 AM for a group that has met each Thursday morning since May', () => {
    expect(slotsOf(meetingsOn(everyWeek(THURSDAY, '2026-05-01', '2026-12-10'), '07:00'))).toBe('every Thursday, 7 AM');
  });

  it('is "every Thursday morning" when the group starts at a different time most weeks', () => {
    const days = everyWeek(THURSDAY, '2026-05-01', '2026-11-26');
    const times = ['07:00', '07:30', '08:00'];
    expect(slotsOf(days.map((day, i) => ({ day, time: times[i % 3]!, minutes: 90 })))).toBe('every Thursday morning');
  });

  it('is every other Tuesday for a group that meets fortnightly', () => {
    const [slot] = recogniseSlots(meetingsOn(everyWeek(TUESDAY, '2026-05-05', '2026-11-26', 14)), TODAY);
    expect(describeSlots([slot!])).toBe('every other Tuesday, 6 PM');
    expect(slot!.confidence).toBe(1);
  });

  it('is the second Tuesday of the month, sure in each of the months since May', () => {
    const [slot, ...others] = recogniseSlots(meetingsOn(monthly(TUESDAY, 2, '2026-05', '2026-12')), TODAY);
    expect(others).toEqual([]);
    expect(describeSlots([slot!])).toBe('on the second Tuesday of the month, 6 PM');
    // May to November have passed; December's is listed already.
    expect(describeConfidence(slot!)).toBe('each of the last 8 months');
  });

  it('is the last Wednesday of the month, in months with four Wednesdays and with five', () => {
    const days = monthly(WEDNESDAY, -1, '2026-05', '2026-11');
    expect(days).toContain('2026-09-30');
    expect(slotsOf(meetingsOn(days, '18:30'))).toBe('on the last Wednesday of the month, 6:30 PM');
  });

  it('is none for a group that meets on a different day and time each month', () => {
    const irregular = [
      { day: '2026-05-05', time: '18:00' },
      { day: '2026-05-21', time: '12:00' },
      { day: '2026-06-11', time: '17:30' },
      { day: '2026-07-20', time: '18:00' },
      { day: '2026-08-08', time: '10:00' },
      { day: '2026-08-26', time: '19:00' },
      { day: '2026-09-16', time: '19:00' },
      { day: '2026-10-23', time: '18:00' },
      { day: '2026-11-03', time: '18:30' },
      { day: '2026-12-09', time: '17:00' },
    ];
    expect(recogniseSlots(irregular.map((m) => ({ ...m, minutes: 120 })), TODAY)).toEqual([]);
  });

  it('is not every other Tuesday for a group that met once a month on Tuesdays a whole number of fortnights apart', () => {
    // Four, then six weeks apart: one of each month's two fortnightly Tuesdays is no habit.
    expect(slotsOf(meetingsOn(['2026-09-08', '2026-10-06', '2026-11-17']))).toBe('');
  });

  it('moves with a group that moved its night, as soon as the new one is three meetings old', () => {
    const before = meetingsOn(monthly(TUESDAY, 2, '2026-05', '2026-10'));
    const after = meetingsOn(monthly(THURSDAY, 3, '2026-11', '2027-01'));
    expect(slotsOf(before, after)).toBe('on the third Thursday of the month, 6 PM');
  });

  it('stops when the group stops meeting then: none two months after its last meeting', () => {
    expect(slotsOf(meetingsOn(monthly(TUESDAY, 2, '2026-05', '2026-08')))).toBe('');
    // One month missed is a skipped month, not a stop.
    expect(slotsOf(meetingsOn(monthly(TUESDAY, 2, '2026-05', '2026-10')))).toBe('on the second Tuesday of the month, 6 PM');
  });

  it('survives a skipped month, less sure of it', () => {
    const days = monthly(TUESDAY, 2, '2026-05', '2026-11').filter((day) => !day.startsWith('2026-08'));
    const [slot] = recogniseSlots(meetingsOn(days), TODAY);
    expect(describeSlots([slot!])).toBe('on the second Tuesday of the month, 6 PM');
    expect(describeConfidence(slot!)).toBe('6 of the last 7 months');
    expect(slot!.confidence).toBeCloseTo(6 / 7);
  });

  it('keeps two slots of one group apart: a weekly coffee morning and a monthly evening talk', () => {
    const coffee = meetingsOn(everyWeek(THURSDAY, '2026-05-01', '2026-11-26'), '07:30', 90);
    const talks = meetingsOn(monthly(TUESDAY, 1, '2026-05', '2026-11'));
    expect(slotsOf(coffee, talks)).toBe('every Thursday, 7:30 AM and on the first Tuesday of the month, 6 PM');
  });

  it('keeps 6 PM across the changes of the clocks, and projects it at 6 PM local on both sides of the spring change', () => {
    // Wednesdays at 6 PM from September, through the November change (PDT to PST).
    const events = eventsOn('py', everyWeek(WEDNESDAY, '2026-09-01', '2026-12-02'), '18:00');
    const plan = planAhead({ events, groups: [{ id: 'py', tags: [] }], zone: ZONE, now: NOW, days: 120 });
    expect(describeSlots(plan.slots.get('py')!)).toBe('every Wednesday, 6 PM');
    const starts = Object.fromEntries(plan.usual.map((night) => [night.day, night.start]));
    expect(starts['2026-12-09']).toBe('2026-12-10T02:00:00Z');
    expect(starts['2027-03-10']).toBe('2027-03-11T02:00:00Z');
    // Clocks go forward on March 14: 6 PM PDT is an hour earlier in UTC.
    expect(starts['2027-03-17']).toBe('2027-03-18T01:00:00Z');
  });
});
