import { describe, expect, it } from 'vitest';
import { planAhead, type PlanGroup } from '../../src/plan/index.ts';
import type { Clash } from '../../src/plan/clashes.ts';
import type { ListedEvent } from '../../src/types.ts';
import { listedEvent, NOW, ZONE } from '../helpers/builders.ts';
import { eventsOn, monthly } from '../helpers/histories.ts';

const GROUPS: PlanGroup[] = [
  { id: 'python', tags: ['python'] },
  { id: 'data', tags: ['python', 'data'] },
  { id: 'rust', tags: ['rust'] },
];

/** One event of a group on a local day, from `from` to `to` (local times). */
function event(groupId: string, day: string, from: string, to: string, overrides: Partial<ListedEvent> = {}): ListedEvent {
  const [made] = eventsOn(groupId, [day], from, overrides);
  const end = eventsOn(groupId, [day], to)[0]!.start;
  return { ...made!, end, ...overrides };
}

function clashes(events: ListedEvent[], days = 60): Clash[] {
  return planAhead({ events, groups: GROUPS, zone: ZONE, now: NOW, days }).clashes;
}

/** Each clash as `day: first × second [shared tags]`, events by id, usual nights by group. */
function said(found: Clash[]): string[] {
  const name = (b: Clash['first']) => (b.kind === 'event' ? b.event.id : `${b.night.groupId} usually`);
  return found.map((c) => `${c.day}: ${name(c.first)} × ${name(c.second)} [${c.tags.join(', ')}]`);
}

describe('clashes', () => {
  it('are two events of groups that share a tag whose times overlap', () => {
    const talk = event('python', '2026-12-03', '18:00', '20:00', { id: 'talk' });
    const workshop = event('data', '2026-12-03', '19:00', '21:00', { id: 'workshop' });
    expect(said(clashes([talk, workshop]))).toEqual(['2026-12-03: talk × workshop [python]']);
  });

  it('are not two overlapping events of groups with no tag in common', () => {
    expect(clashes([event('python', '2026-12-03', '18:00', '20:00'), event('rust', '2026-12-03', '18:00', '20:00')])).toEqual([]);
  });

  it('are not one event ending as the other starts', () => {
    expect(clashes([event('python', '2026-12-03', '18:00', '20:00'), event('data', '2026-12-03', '20:00', '22:00')])).toEqual([]);
  });

  it('are not two events of the same group, nor one event that two groups list', () => {
    const twoOfOne = [event('python', '2026-12-03', '18:00', '20:00', { id: 'a' }), event('python', '2026-12-03', '19:00', '21:00', { id: 'b' })];
    const cohosted = event('python', '2026-12-03', '18:00', '20:00', { alsoListedOn: [{ groupId: 'data', sourceType: 'luma', url: null }] });
    expect(clashes([...twoOfOne, cohosted])).toEqual([]);
  });

  it('are not events that are cancelled, postponed or no longer listed', () => {
    const talk = event('python', '2026-12-03', '18:00', '20:00');
    for (const gone of [{ status: 'cancelled' as const }, { status: 'postponed' as const }, { removed: true }]) {
      expect(clashes([talk, event('data', '2026-12-03', '18:00', '20:00', gone)])).toEqual([]);
    }
  });

  it('count an all-day conference of up to three days against every event of its days, and not a longer all-day listing', () => {
    const conference = listedEvent({ id: 'conference', groupId: 'data', allDay: true, start: '2026-12-05', end: '2026-12-07' });
    const course = listedEvent({ id: 'course', groupId: 'data', allDay: true, start: '2026-12-01', end: '2026-12-15' });
    const saturday = event('python', '2026-12-05', '18:00', '20:00', { id: 'saturday' });
    const monday = event('python', '2026-12-07', '09:00', '11:00', { id: 'monday' });
    // The conference ends as Monday begins (all-day ends are exclusive).
    expect(said(clashes([conference, course, saturday, monday]))).toEqual(['2026-12-05: conference × saturday [python]']);
  });

  it('are an event on a night another group of its tag usually meets, at the hours it meets', () => {
    const history = eventsOn('data', monthly(2, 2, '2026-05', '2026-11'));
    const evening = event('python', '2026-12-08', '18:30', '20:30', { id: 'evening' });
    const morning = event('python', '2026-12-08', '08:00', '10:00', { id: 'morning' });
    const rustNight = event('rust', '2026-12-08', '18:00', '20:00', { id: 'rust-night' });
    expect(said(clashes([...history, evening, morning, rustNight]))).toEqual(['2026-12-08: data usually × evening [python]']);
  });

  it('are only those ahead, within the days asked for', () => {
    const pair = (day: string) => [event('python', day, '18:00', '20:00', { id: `py-${day}` }), event('data', day, '18:00', '20:00', { id: `data-${day}` })];
    const found = clashes([...pair('2026-11-20'), ...pair('2026-12-03'), ...pair('2027-01-04')], 30);
    expect(found.map((c) => c.day)).toEqual(['2026-12-03']);
  });
});
