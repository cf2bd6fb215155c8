import { describe, expect, it } from 'vitest';
import { planAnnouncements, type Describe, type PlanInput } from '../../src/announce/plan.ts';
import { weekDigest } from '../../src/publish/week-digest.ts';
import type { PostRecord } from '../../src/store/announcements.ts';
import type { ListedEvent } from '../../src/types.ts';
import { listedEvent } from '../helpers/builders.ts';

const NOW = new Date('2026-12-08T20:00:00Z'); // Tuesday, December 8, 2026, noon in Spokane
const ZONE = 'America/Los_Angeles';

const describeStub: Describe = {
  event: (e) => ({ id: e.id, title: e.title, when: e.start, startsAt: e.start, allDay: e.allDay, groupName: e.groupId, place: 'Here', status: e.status, pageUrl: `https://x.example/${e.id}/` }),
  previous: (e) => `before ${e.id}`,
  week: (week, events, from) => weekDigest(week, events, { url: 'https://x.example', timezone: ZONE }, (id) => id, { from }),
};

/** An event a few days ahead, first seen this morning. */
const upcoming = (id: string, overrides: Partial<ListedEvent> = {}) =>
  listedEvent({ id, title: id, start: '2026-12-11T02:00:00Z', end: '2026-12-11T04:00:00Z', firstSeen: '2026-12-08T12:00:00Z', ...overrides });

const posted = (key: string, postedAt = '2026-12-05T12:00:00.000Z'): PostRecord => ({ channel: 'discord', key, postedAt, remoteId: null });

function plan(events: ListedEvent[], overrides: Partial<PlanInput> = {}) {
  const result = planAnnouncements({
    channel: 'discord',
    events,
    posts: [],
    firstRunAt: '2026-11-01T12:00:00.000Z',
    settings: { digestDay: 'monday', firstRunWindowDays: 2, maxPostsPerRun: 10 },
    now: NOW,
    zone: ZONE,
    describe: describeStub,
    ...overrides,
  });
  return { due: result.due.map((a) => a.key), heldBack: result.heldBack.map((a) => a.key) };
}

// The week's digest is due on this Tuesday (after Monday), unless posted: these tests post it.
const digestPosted = posted('digest:2026-W50');

describe('what a channel announces', () => {
  it('each newly listed upcoming event once, soonest first, and nothing once posted', () => {
    const later = upcoming('later', { start: '2026-12-20T02:00:00Z', end: '2026-12-20T04:00:00Z' });
    expect(plan([later, upcoming('soon')], { posts: [digestPosted] }).due).toEqual(['new:soon', 'new:later']);
    expect(plan([upcoming('soon')], { posts: [digestPosted, posted('new:soon')] }).due).toEqual([]);
  });

  it('nothing past, removed by its source, or already cancelled when first seen', () => {
    const past = upcoming('past', { start: '2026-12-01T02:00:00Z', end: '2026-12-01T04:00:00Z' });
    const removed = upcoming('removed', { removed: true });
    const cancelled = upcoming('cancelled', { status: 'cancelled' });
    expect(plan([past, removed, cancelled], { posts: [digestPosted] }).due).toEqual([]);
  });

  it('a cancellation of an event it announced, once', () => {
    const cancelled = upcoming('talk', { status: 'cancelled' });
    expect(plan([cancelled], { posts: [digestPosted, posted('new:talk')] }).due).toEqual(['cancelled:talk']);
    expect(plan([cancelled], { posts: [digestPosted, posted('new:talk'), posted('cancelled:talk')] }).due).toEqual([]);
  });

  it('a time or place change after it announced the event, once per change, and not a change of its description', () => {
    const moved = upcoming('talk', { sequence: 3, changes: [{ at: '2026-12-07T12:00:00Z', fields: ['place'], previous: {} }] });
    expect(plan([moved], { posts: [digestPosted, posted('new:talk')] }).due).toEqual(['changed:talk:3']);
    expect(plan([moved], { posts: [digestPosted, posted('new:talk'), posted('changed:talk:3', '2026-12-07T20:00:00.000Z')] }).due).toEqual([]);
    const earlier = upcoming('talk', { sequence: 3, changes: [{ at: '2026-12-01T12:00:00Z', fields: ['time'], previous: {} }] });
    expect(plan([earlier], { posts: [digestPosted, posted('new:talk')] }).due).toEqual([]);
    const retitled = upcoming('talk', { sequence: 4, changes: [{ at: '2026-12-07T12:00:00Z', fields: ['title'], previous: {} }] });
    expect(plan([retitled], { posts: [digestPosted, posted('new:talk')] }).due).toEqual([]);
  });

  it('on its first run, only events first seen in the last two days: a backlog is never posted', () => {
    const old = upcoming('old', { firstSeen: '2026-11-20T12:00:00Z' });
    const fresh = upcoming('fresh', { firstSeen: '2026-12-07T12:00:00Z' });
    expect(plan([old, fresh], { firstRunAt: null, posts: [digestPosted] }).due).toEqual(['new:fresh']);
    expect(plan([old, fresh], { firstRunAt: null, posts: [digestPosted], settings: { digestDay: 'monday', firstRunWindowDays: 30, maxPostsPerRun: 10 } }).due).toEqual(['new:old', 'new:fresh']);
  });

  it('at most ten a run, cancellations and changes first; the rest held back for the next run', () => {
    const many = Array.from({ length: 14 }, (_, i) => upcoming(`e${String(i).padStart(2, '0')}`));
    const cancelled = upcoming('gone', { status: 'cancelled' });
    const result = plan([...many, cancelled], { posts: [digestPosted, posted('new:gone')] });
    expect(result.due).toHaveLength(10);
    expect(result.due[0]).toBe('cancelled:gone');
    expect(result.heldBack).toHaveLength(5);
  });
});

describe('the weekly digest', () => {
  it('is due on the configured day or later in the same week, once', () => {
    expect(plan([upcoming('a')], { posts: [posted('new:a')] }).due).toEqual(['digest:2026-W50']);
    expect(plan([upcoming('a')], { posts: [posted('new:a'), digestPosted] }).due).toEqual([]);
    expect(plan([upcoming('a')], { posts: [posted('new:a')], settings: { digestDay: 'friday', firstRunWindowDays: 2, maxPostsPerRun: 10 } }).due).toEqual([]);
  });

  it('holds the events from today to Sunday, in the site’s zone, and is not posted for an empty week', () => {
    const sunday = upcoming('sunday-night', { start: '2026-12-14T07:30:00Z', end: '2026-12-14T08:00:00Z' }); // 11:30 PM Sunday in Spokane
    const monday = upcoming('next-monday', { start: '2026-12-15T02:00:00Z', end: '2026-12-15T04:00:00Z' });
    const result = planAnnouncements({
      channel: 'discord', events: [sunday, monday], posts: [posted('new:sunday-night'), posted('new:next-monday')], firstRunAt: '2026-11-01T00:00:00Z',
      settings: { digestDay: 'monday', firstRunWindowDays: 2, maxPostsPerRun: 10 }, now: NOW, zone: ZONE, describe: describeStub,
    });
    expect(result.due).toMatchObject([{ kind: 'digest', digest: { eventCount: 1 } }]);
    expect(plan([monday], { posts: [posted('new:next-monday')] }).due).toEqual([]);
  });
});
