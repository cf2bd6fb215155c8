import { describe, expect, it } from 'vitest';
import { buildMonths, monthRange, type GridEvent } from '../../src/publish/view/month-grid.ts';

const ev = (id: string, days: string[], startTimeLabel = '6:00 PM'): GridEvent => ({ id, start: `${days[0]}T00:00:00Z`, days, startTimeLabel });

describe('the month grid', () => {
  it('lays a month out in weeks of seven, Sunday first, padded with empty cells', () => {
    const [december] = buildMonths([], '2026-12-10');
    expect(december!.weeks).toHaveLength(5);
    expect(december!.weeks[0]!.map((cell) => cell?.day ?? null)).toEqual([null, null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(december!.weeks.at(-1)!.map((cell) => cell?.number ?? null)).toEqual([27, 28, 29, 30, 31, null, null]);
  });

  it('lists an event on each day it covers, later days marked as continuing', () => {
    const [month] = buildMonths([ev('conf', ['2026-12-18', '2026-12-19', '2026-12-20'], 'All day')], '2026-12-01');
    const cells = month!.weeks.flat().filter((c) => c && c.entries.length);
    expect(cells.map((c) => [c!.day, c!.entries[0]!.timeLabel])).toEqual([
      ['2026-12-18', 'All day'],
      ['2026-12-19', 'continues'],
      ['2026-12-20', 'continues'],
    ]);
    expect(month!.eventCount).toBe(1);
  });

  it('marks today and links each month to the one before and after', () => {
    const months = buildMonths([ev('a', ['2026-10-05']), ev('b', ['2027-01-05'])], '2026-11-26');
    expect(months.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    expect(months[1]!.isCurrent).toBe(true);
    expect(months[1]!.weeks.flat().find((c) => c?.isToday)?.day).toBe('2026-11-26');
    expect(months[0]!.previous).toBeNull();
    expect(months[1]!.previous?.path).toBe('/calendar/2026-10/');
    expect(months[1]!.next?.label).toBe('December 2026');
    expect(months.at(-1)!.next).toBeNull();
  });
});

describe('which months get a page', () => {
  it('always includes this month, even with no events', () => {
    expect(monthRange([], '2026-11-26')).toEqual(['2026-11']);
  });

  it('goes back at most a year and ahead at most two', () => {
    const range = monthRange([ev('old', ['2020-01-01']), ev('far', ['2099-01-01'])], '2026-11-26');
    expect(range[0]).toBe('2025-11');
    expect(range.at(-1)).toBe('2028-11');
    expect(range).toHaveLength(37);
  });
});
