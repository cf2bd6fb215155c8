import { describe, expect, it } from 'vitest';
import { byStartThenId, compareText } from '../../src/publish/order.ts';

describe('the order of events', () => {
  it('puts the sooner start first, and events starting together by id', () => {
    const events = [
      { id: 'b', start: '2026-12-04T02:00:00Z' },
      { id: 'c', start: '2026-12-03T02:00:00Z' },
      { id: 'a', start: '2026-12-04T02:00:00Z' },
    ];
    expect(events.sort(byStartThenId).map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });

  it('compares text by code unit, the same on every machine whatever its locale', () => {
    expect(['b', 'a', 'B', 'é', 'e'].sort(compareText)).toEqual(['B', 'a', 'b', 'e', 'é']);
    expect(compareText('x', 'x')).toBe(0);
  });
});
