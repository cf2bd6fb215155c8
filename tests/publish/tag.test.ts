import { describe, expect, it } from 'vitest';
import { viewContext } from '../../src/publish/view/context.ts';
import { groupView } from '../../src/publish/view/group.ts';
import { tagView } from '../../src/publish/view/tag.ts';
import type { EventView } from '../../src/publish/view/event.ts';
import { NOW, eventView, siteConfig, storedGroup } from '../helpers/builders.ts';

const python = storedGroup({ tags: ['Python'] });
const rust = storedGroup({ id: 'spokane-rust', name: 'Spokane Rust', tags: ['rust'] });
const groups = [python, rust];
const context = viewContext(groups, siteConfig(), NOW);
const pythonTag = context.tags.get('python')!;
const shown = (overrides: Parameters<typeof eventView>[0]) => eventView(overrides, { groups });
const pastOn = (day: number, groupId = 'python-spokane') =>
  shown({ id: `past-${groupId}-${day}`, groupId, start: `2026-10-${String(day).padStart(2, '0')}T01:00:00Z`, end: `2026-10-${String(day).padStart(2, '0')}T03:00:00Z` });

function tagOf(upcoming: EventView[], past: EventView[]) {
  const groupViews = groups.map((g) => groupView(g, [], [], [], context));
  return tagView(pythonTag, upcoming, past, groupViews, context);
}

describe('a tag’s page', () => {
  it('lists the upcoming events of the groups that carry the tag, and those groups', () => {
    const tag = tagOf([shown({ id: 'py' }), shown({ id: 'rs', groupId: 'spokane-rust' })], []);
    expect(tag.upcoming.map((e) => e.id)).toEqual(['py']);
    expect(tag.groups).toEqual([{ id: 'python-spokane', name: 'Spokane Python User Group', path: '/groups/python-spokane/' }]);
  });

  it('shows the 10 most recent past events and counts them all', () => {
    const past = Array.from({ length: 31 }, (_, i) => pastOn(31 - i));
    const tag = tagOf([], [...past, pastOn(1, 'spokane-rust')]);
    expect(tag.past).toHaveLength(10);
    expect(tag.past[0]!.id).toBe('past-python-spokane-31');
    expect(tag.pastCount).toBe(31);
  });

  it('shows its first 20 upcoming events and links to a list of them all', () => {
    const upcoming = Array.from({ length: 21 }, (_, i) => shown({ id: `py-${i}` }));
    expect(tagOf(upcoming.slice(0, 20), []).shown.upcoming).toMatchObject({ total: 20, morePath: null });
    const tag = tagOf(upcoming, []);
    expect(tag.shown.upcoming.events).toHaveLength(20);
    expect(tag.shown.upcoming).toMatchObject({ total: 21, morePath: '/tags/python/upcoming/' });
  });

  it('offers a feed of the tag’s events and names the tag as first written', () => {
    const tag = tagOf([], []);
    expect([tag.name, tag.path, tag.feed.path]).toEqual(['Python', '/tags/python/', '/tags/python/calendar.ics']);
    expect(tag.meta.title).toBe('Events tagged Python');
  });
});
