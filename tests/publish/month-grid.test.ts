import { describe, expect, it } from 'vitest';
import { DAY_SHOWN, buildMonths, monthRange } from '../../src/publish/view/month-grid.ts';
import { eventView } from '../helpers/builders.ts';

/** An event at noon in Spokane on `day`. */
const dayLink = (day: string) => `/upcoming/#day-${day}`;
const on = (id: string, day: string) => eventView({ id, start: `${day}T20:00:00Z`, end: `${day}T22:00:00Z` });

describe('the month grid', () => {
  it('lays a month out in weeks of seven, Sunday first, padded with empty cells', () => {
    const [december] = buildMonths([], '2026-12-10', dayLink);
    expect(december!.weeks).toHaveLength(5);
    expect(december!.weeks[0]!.map((cell) => cell?.day ?? null)).toEqual([null, null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(december!.weeks.at(-1)!.map((cell) => cell?.number ?? null)).toEqual([27, 28, 29, 30, 31, null, null]);
  });

  it('lists an event on each day it covers, later days marked as continuing', () => {
    const [month] = buildMonths([eventView({ id: 'conf', allDay: true, start: '2026-12-18', end: '2026-12-21' })], '2026-12-01', dayLink);
    const cells = month!.weeks.flat().filter((c) => c && c.entries.length);
    expect(cells.map((c) => [c!.day, c!.entries[0]!.timeLabel])).toEqual([
      ['2026-12-18', 'All day'],
      ['2026-12-19', 'continues'],
      ['2026-12-20', 'continues'],
    ]);
    expect(month!.eventCount).toBe(1);
  });

  it('lists a day’s events by start time, each with its time', () => {
    const late = eventView({ id: 'late', start: '2026-12-04T03:00:00Z', end: '2026-12-04T05:00:00Z' });
    const early = eventView({ id: 'early', start: '2026-12-03T17:00:00Z', end: '2026-12-03T18:00:00Z' });
    const [month] = buildMonths([late, early], '2026-12-01', dayLink);
    const cell = month!.weeks.flat().find((c) => c?.day === '2026-12-03');
    expect(cell!.entries.map((e) => [e.event.id, e.timeLabel])).toEqual([
      ['early', '9:00 AM'],
      ['late', '7:00 PM'],
    ]);
  });

  it('marks today and links each month to the one before and after', () => {
    const months = buildMonths([on('a', '2026-10-05'), on('b', '2027-01-05')], '2026-11-26', dayLink);
    expect(months.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    expect(months[1]!.isCurrent).toBe(true);
    expect(months[1]!.weeks.flat().find((c) => c?.isToday)?.day).toBe('2026-11-26');
    expect(months[0]!.previous).toBeNull();
    expect(months[1]!.previous?.path).toBe('/calendar/2026-10/');
    expect(months[1]!.next?.label).toBe('December 2026');
    expect(months.at(-1)!.next).toBeNull();
  });
});

describe('a busy day in the grid', () => {
  it('shows its first events and links to the list for the rest, so a busy month stays quick to lay out', () => {
    const busy = Array.from({ length: DAY_SHOWN + 2 }, (_, i) => eventView({ id: `busy-${i}`, start: `2026-12-03T${String(17 + i).padStart(2, '0')}:00:00Z`, end: `2026-12-03T${String(17 + i).padStart(2, '0')}:30:00Z` }));
    const [month] = buildMonths(busy, '2026-12-01', dayLink);
    const cell = month!.weeks.flat().find((c) => c?.day === '2026-12-03')!;
    expect(cell.entries.map((e) => e.event.id)).toEqual(['busy-0', 'busy-1', 'busy-2', 'busy-3']);
    expect([cell.moreCount, cell.morePath]).toEqual([2, '/upcoming/#day-2026-12-03']);
    expect(month!.eventCount).toBe(DAY_SHOWN + 2);
    const quiet = month!.weeks.flat().find((c) => c?.day === '2026-12-04')!;
    expect([quiet.moreCount, quiet.morePath]).toEqual([0, null]);
  });
});

describe('which months get a page', () => {
  it('always includes this month, even with no events', () => {
    expect(monthRange([], '2026-11-26')).toEqual(['2026-11']);
  });

  it('goes back at most a year and ahead at most two', () => {
    const range = monthRange([on('old', '2020-01-01'), on('far', '2099-01-01')], '2026-11-26');
    expect(range[0]).toBe('2025-11');
    expect(range.at(-1)).toBe('2028-11');
    expect(range).toHaveLength(37);
  });
});
