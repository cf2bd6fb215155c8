import { describe, expect, it } from 'vitest';
import { describer } from '../../src/announce/describe.ts';
import { buildView } from '../../src/publish/view/index.ts';
import { isoWeekOf } from '../../src/time.ts';
import { listedEvent, siteConfig, storedGroup } from '../helpers/builders.ts';

// What announce says of a week is what the site's page of that week says.

const NOW = new Date('2026-12-08T20:00:00Z'); // Tuesday, December 8, 2026, noon in Spokane
const SITE = siteConfig({ url: 'https://spokanetech.example/' });
const GROUPS = [storedGroup({ id: 'python-spokane', name: 'Spokane Python User Group' }), storedGroup({ id: 'spokane-rust', name: 'Spokane Rust' })];
const EVENTS = [
  listedEvent({ id: 'talk', slug: 'talk', title: 'Python Night', start: '2026-12-11T02:00:00Z', end: '2026-12-11T04:00:00Z' }),
  listedEvent({ id: 'rust', slug: 'rust', title: 'Rust Hack', groupId: 'spokane-rust', attendance: 'online', venue: null, start: '2026-12-12T18:00:00Z', end: '2026-12-12T20:00:00Z' }),
  listedEvent({ id: 'off', slug: 'off', title: 'Called Off', status: 'cancelled', start: '2026-12-13T18:00:00Z', end: '2026-12-13T20:00:00Z' }),
  listedEvent({ id: 'later', slug: 'later', title: 'Next Week', start: '2026-12-15T02:00:00Z', end: '2026-12-15T04:00:00Z' }),
];

describe('the week announce describes', () => {
  it('is the digest on the site’s page of that week, word for word, this week’s and the next', () => {
    const view = buildView({ events: EVENTS, groups: GROUPS, sources: [] }, SITE, NOW);
    const describe = describer(SITE, GROUPS, NOW);
    for (const [index, day] of ['2026-12-09', '2026-12-16'].entries()) {
      const week = isoWeekOf(day);
      expect(describe.week(week, EVENTS, week.monday)).toEqual(view.weekDigests.weeks[index]!.digest);
    }
    expect(view.weekDigests.weeks[0]!.digest).toMatchObject({ week: '2026-W50', label: 'Dec 7 – 13', eventCount: 3, groupCount: 2 });
  });

  it('says which week it is about, not which week it is made in', () => {
    const week = isoWeekOf('2026-12-30');
    const digest = describer(SITE, GROUPS, NOW).week(week, EVENTS, week.monday);
    expect(digest).toMatchObject({ week: '2026-W53', label: 'Dec 28, 2026 – Jan 3, 2027', pageUrl: 'https://spokanetech.example/week/2026-W53/', eventCount: 0 });
  });
});
