import { describe, expect, it } from 'vitest';
import { newlyAnnounced, pastEvents, soonestFirst } from '../../src/publish/view/event-order.ts';
import { eventView } from '../helpers/builders.ts';

const past = (id: string, start: string, overrides = {}) => eventView({ id, start, end: start.replace('T01:', 'T03:'), ...overrides });

describe('the order of upcoming events', () => {
  it('lists events by local day, all-day events first, then by time', () => {
    const events = [
      eventView({ id: 'evening', start: '2026-12-13T02:00:00Z', end: '2026-12-13T04:00:00Z' }),
      eventView({ id: 'all-day', allDay: true, start: '2026-12-12', end: '2026-12-13' }),
      eventView({ id: 'morning', start: '2026-12-12T17:00:00Z', end: '2026-12-12T18:00:00Z' }),
    ];
    expect(soonestFirst(events).map((e) => e.id)).toEqual(['all-day', 'morning', 'evening']);
  });

  it('lists events at the same time in the same order on every build', () => {
    const twins = [eventView({ id: 'b' }), eventView({ id: 'a' })];
    expect(soonestFirst(twins).map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('the past events kept in the archive', () => {
  it('keeps ended events newest first, without the cancelled and the unlisted', () => {
    const events = [
      past('october', '2026-10-01T01:00:00Z'),
      past('september', '2026-09-01T01:00:00Z'),
      past('november', '2026-11-01T01:00:00Z'),
      past('off', '2026-10-15T01:00:00Z', { status: 'cancelled' }),
      past('gone', '2026-10-20T01:00:00Z', { removed: true }),
      eventView({ id: 'upcoming' }),
    ];
    expect(pastEvents(events).map((e) => e.id)).toEqual(['november', 'october', 'september']);
  });
});

describe('the newly announced events', () => {
  it('puts the events first seen most recently first, as many as the feed holds', () => {
    const seen = (id: string, firstSeen: string) => eventView({ id, firstSeen });
    const events = [seen('old', '2026-10-01T00:00:00Z'), seen('new', '2026-11-25T00:00:00Z'), seen('mid', '2026-11-01T00:00:00Z')];
    expect(newlyAnnounced(events, 2).map((e) => e.id)).toEqual(['new', 'mid']);
  });
});
