import { describe, expect, it } from 'vitest';
import { buildView, type SiteView } from '../../src/publish/view/index.ts';
import { CLASHES_SHOWN, NIGHT_SHOWN, PLAN_DAYS, type PlanNight, type PlanPage } from '../../src/publish/view/plan.ts';
import { addDays, addMinutes, instantAt, isoWeekday } from '../../src/time.ts';
import type { ListedEvent } from '../../src/types.ts';
import { NOW, ZONE, listedEvent, siteConfig } from '../helpers/builders.ts';
import { planSeedSnapshot } from '../helpers/plan-seed.ts';

// The plan pages' view, for the seeded Spokane groups (tests/helpers/plan-seed.ts) as of
// Thursday, November 26, 2026: Python on second Tuesdays, Coffee & Code on Thursday mornings,
// Rust on last Wednesdays, and three clashes ahead.

const TODAY = '2026-11-26';

function viewOf(extra: ListedEvent[] = []) {
  const { snapshot, days } = planSeedSnapshot(TODAY, extra);
  return { view: buildView(snapshot, siteConfig(), NOW), days };
}

/** Every page of a plan: every group's (`null`), or a tag's. */
function planFor(view: SiteView, tag: string | null): PlanPage[] {
  return view.plans.filter((page) => (page.tag?.slug ?? null) === tag);
}

const nightsOf = (pages: PlanPage[]) => pages.flatMap((page) => page.weeks.flatMap((week) => week.nights));
const nightOn = (pages: PlanPage[], day: string) => nightsOf(pages).find((night) => night.day === day)!;
const listedOn = (night: PlanNight) => night.events.map((entry) => [entry.timeLabel, entry.event.title, entry.event.groupName]);
const usualOn = (night: PlanNight) => night.usual.map((u) => [u.timeLabel, u.groupName, u.slotLabel, u.confidenceLabel]);
const clashesOn = (night: PlanNight) =>
  night.clashes.map((c) => [c.first, c.second].map((side) => (side.kind === 'event' ? side.event.title : `${side.usual.groupName} usually`)).concat(c.tags.map((t) => t.name).join()));

/** An evening event of a seeded group, at a local day and time. */
function extraEvent(groupId: string, title: string, day: string, time: string, overrides: Partial<ListedEvent> = {}): ListedEvent {
  const start = instantAt(day, time, ZONE);
  return listedEvent({ id: `ical:${groupId}-${title}`, slug: `${day}-${title.toLowerCase().replace(/\W+/g, '-')}`, groupId, title, start, end: addMinutes(start, 90), ...overrides });
}

describe('the plan page', () => {
  it('shows each of the next 120 nights, today first, a week (Monday to Sunday) under each heading, two weeks a page', () => {
    const { view } = viewOf();
    const pages = planFor(view, null);
    const nights = nightsOf(pages);
    expect(PLAN_DAYS).toBe(120);
    expect(nights).toHaveLength(120);
    expect(nights.map((n) => n.day)).toEqual(Array.from({ length: 120 }, (_, i) => addDays(TODAY, i)));
    expect(nights[0]).toMatchObject({ isToday: true, label: 'Thursday, November 26' });
    const weeks = pages.flatMap((p) => p.weeks);
    expect(weeks.slice(0, 3).map((w) => [w.heading, w.nights[0]!.day])).toEqual([
      ['This week', TODAY],
      ['Next week', '2026-11-30'],
      ['Week of December 7, 2026', '2026-12-07'],
    ]);
    expect(weeks.slice(1).every((w) => isoWeekday(w.nights[0]!.day) === 1 && w.nights.length === (w === weeks.at(-1) ? w.nights.length : 7))).toBe(true);
    expect(pages.map((p) => [p.path, p.pageNumber, p.weeks.length, p.rangeLabel])).toEqual([
      ['/plan/', 1, 2, 'Nov 26 – Dec 6'],
      ['/plan/2/', 2, 2, 'Dec 7–20'],
      ['/plan/3/', 3, 2, 'Dec 21 – Jan 3'],
      ['/plan/4/', 4, 2, 'Jan 4–17'],
      ['/plan/5/', 5, 2, 'Jan 18–31'],
      ['/plan/6/', 6, 2, 'Feb 1–14'],
      ['/plan/7/', 7, 2, 'Feb 15–28'],
      ['/plan/8/', 8, 2, 'Mar 1–14'],
      ['/plan/9/', 9, 2, 'Mar 15–25'],
    ]);
    expect(pages[1]!.pages.map((p) => [p.path, p.current])).toEqual(pages.map((p, i) => [p.path, i === 1]));
    expect([pages[1]!.next?.path, pages[8]!.next]).toEqual(['/plan/3/', null]);
    expect([pages[0]!.heading, pages[0]!.days, pages[0]!.meta.title, pages[1]!.meta.title]).toEqual([
      'Plan',
      120,
      'Plan: the next 120 nights',
      'Plan: the next 120 nights, Dec 7–20',
    ]);
  });

  it('lists each night’s events with their times and groups, and the groups that usually meet then with how sure that is', () => {
    const { view, days } = viewOf();
    const page = planFor(view, null);
    expect(listedOn(nightOn(page, days.pythonNext))).toEqual([
      ['6:00 – 8:00 PM', 'Rust Hack Night', 'Inland NW Rust'],
      ['6:00 – 8:00 PM', 'Python Night', 'Spokane Python User Group'],
      ['7:00 – 9:00 PM', 'Pandas Workshop', 'Spokane Data Science'],
    ]);
    // Python lists nothing for January yet: its second Tuesday is a usual night.
    expect(usualOn(nightOn(page, days.pythonUsual))).toEqual([['6 PM', 'Spokane Python User Group', 'on the second Tuesday of the month, 6 PM', 'each of the last 8 months']]);
    expect(listedOn(nightOn(page, days.pythonUsual))).toEqual([['6:30 – 8:00 PM', 'Data Viz Night', 'Spokane Data Science']]);
    // Coffee & Code listed two weeks ahead; the Thursdays after are usual mornings. Rust's December is listed (on Python's night); its January is usual.
    expect(usualOn(nightOn(page, '2026-12-10'))).toEqual([]);
    expect(listedOn(nightOn(page, '2026-12-10'))[0]).toEqual(['7:30 – 9:00 AM', 'Coffee & Code', 'Coffee & Code']);
    expect(usualOn(nightOn(page, '2026-12-17'))).toEqual([['7:30 AM', 'Coffee & Code', 'every Thursday, 7:30 AM', 'each of the last 8 months']]);
    expect(usualOn(nightOn(page, '2026-12-30'))).toEqual([]);
    expect(usualOn(nightOn(page, '2027-01-27')).map((u) => u[1])).toEqual(['Inland NW Rust']);
  });

  it('shows an event of a few days on each of its nights, as continuing after the first', () => {
    const { view, days } = viewOf();
    const page = planFor(view, null);
    expect(listedOn(nightOn(page, days.conference))[0]).toEqual(['All day, through Sat, Dec 12', 'DevOps Days Spokane', 'Spokane DevOps']);
    expect(listedOn(nightOn(page, addDays(days.conference, 1)))).toEqual([['continues', 'DevOps Days Spokane', 'Spokane DevOps']]);
    expect(nightOn(page, addDays(days.conference, 2)).events).toEqual([]);
  });

  it('says, on the night of the later start, where two groups of a tag clash, and nowhere else', () => {
    const { view, days } = viewOf();
    const page = planFor(view, null);
    const clashing = nightsOf(page).filter((n) => n.clashes.length > 0);
    expect(clashing.map((n) => [n.day, ...clashesOn(n)])).toEqual([
      [days.pythonNext, ['Python Night', 'Pandas Workshop', 'python']],
      [days.conference, ['DevOps Days Spokane', 'AWS Community Night', 'cloud']],
      [days.pythonUsual, ['Spokane Python User Group usually', 'Data Viz Night', 'python']],
    ]);
    expect(page.map((p) => p.summary)).toEqual(Array(9).fill('11 events listed, 20 usual nights, 3 clashes and 94 free nights.'));
  });

  it('marks the nights with nothing listed and no group that usually meets then as free, and only those', () => {
    const { view, days } = viewOf();
    const nights = nightsOf(planFor(view, null));
    for (const night of nights) expect(night.free, night.day).toBe(night.events.length === 0 && night.usual.length === 0);
    expect(nightOn(planFor(view, null), addDays(days.pythonNext, 1)).free).toBe(true);
    expect(nightOn(planFor(view, null), days.pythonNext).free).toBe(false);
    expect(nights.filter((n) => n.free)).toHaveLength(94);
  });

  it('leaves out what does not go ahead: a cancelled, postponed or removed event keeps its night free', () => {
    const free = '2026-12-09';
    const { view } = viewOf([
      extraEvent('spokane-data', 'Called Off', free, '18:00', { status: 'cancelled' }),
      extraEvent('spokane-data', 'Moved Later', free, '18:00', { status: 'postponed' }),
      extraEvent('spokane-data', 'Gone', free, '18:00', { removed: true }),
    ]);
    expect(nightOn(planFor(view, null), free)).toMatchObject({ events: [], free: true });
  });

  it('shows the first events of a busy night and links to the whole day in the upcoming list', () => {
    const busy = '2026-12-16';
    const { view } = viewOf(Array.from({ length: NIGHT_SHOWN + 2 }, (_, i) => extraEvent('aws-spokane', `Talk ${i + 1}`, busy, `${10 + i}:00`)));
    const night = nightOn(planFor(view, null), busy);
    expect(night.events.map((e) => e.event.title)).toEqual(Array.from({ length: NIGHT_SHOWN }, (_, i) => `Talk ${i + 1}`));
    expect(night.moreCount).toBe(2);
    expect(night.morePath).toBe(`/upcoming/#day-${busy}`);
  });

  it('says the first clashes of a night and counts the rest', () => {
    const busy = '2026-12-16';
    const pythonGroups = ['python-spokane', 'spokane-data', 'coffee-code'];
    const { view } = viewOf(pythonGroups.flatMap((groupId) => [1, 2].map((n) => extraEvent(groupId, `${groupId} talk ${n}`, busy, '18:00'))));
    const night = nightOn(planFor(view, null), busy);
    // Two events each of three groups of a tag: 3 × 4 pairs across groups.
    expect([night.clashes.length, night.clashMoreCount]).toEqual([CLASHES_SHOWN, 12 - CLASHES_SHOWN]);
    expect(planFor(view, null)[0]!.summary).toContain('15 clashes');
  });
});

describe('a plan page per tag', () => {
  it('links every page to the others at the same nights (All, then each tag by name), the current one marked', () => {
    const { view } = viewOf();
    expect(view.plans.filter((p) => p.pageNumber === 1).map((p) => p.path)).toEqual(['/plan/', '/plan/cloud/', '/plan/data/', '/plan/devops/', '/plan/javascript/', '/plan/python/', '/plan/rust/']);
    expect(planFor(view, 'rust')[1]!.filters.map((f) => [f.label, f.path, f.current])).toEqual([
      ['All', '/plan/2/', false],
      ['cloud', '/plan/cloud/2/', false],
      ['data', '/plan/data/2/', false],
      ['devops', '/plan/devops/2/', false],
      ['javascript', '/plan/javascript/2/', false],
      ['python', '/plan/python/2/', false],
      ['rust', '/plan/rust/2/', true],
    ]);
  });

  it('shows only that tag’s groups, their usual nights and their clashes: a night busy for another tag is free for this one', () => {
    const { view, days } = viewOf();
    const rust = planFor(view, 'rust');
    expect(listedOn(nightOn(rust, days.pythonNext))).toEqual([['6:00 – 8:00 PM', 'Rust Hack Night', 'Inland NW Rust']]);
    expect(nightOn(rust, days.pythonNext).clashes).toEqual([]);
    expect(nightOn(rust, days.pythonUsual).free).toBe(true);
    const groupsShown = new Set(nightsOf(rust).flatMap((n) => [...n.events.map((e) => e.event.groupId), ...n.usual.map((u) => u.groupId)]));
    expect([...groupsShown]).toEqual(['inland-rust']);

    const cloud = planFor(view, 'cloud');
    expect(nightsOf(cloud).flatMap(clashesOn)).toEqual([['DevOps Days Spokane', 'AWS Community Night', 'cloud']]);
    expect(nightsOf(planFor(view, 'python')).flatMap(clashesOn).map((c) => c.at(-1))).toEqual(['python', 'python']);
    expect(planFor(view, 'python')[0]).toMatchObject({ heading: 'Plan: python', meta: { title: 'Plan: the next 120 nights of python' } });
  });
});

describe('what the plan tells other pages', () => {
  it('gives each of two clashing events the other, an event on a usual night the group that usually meets, and others nothing', () => {
    const { view, days } = viewOf();
    const byTitle = (title: string, day: string) => view.events.find((e) => e.title === title && e.when.day === day)!;
    const others = (title: string, day: string) =>
      view.alsoThatEvening(byTitle(title, day).id).map(({ other, tags }) => [other.kind === 'event' ? other.event.title : other.usual.groupName, tags.map((t) => t.name)]);
    // Each leads to its night on the plan of the tag they share.
    for (const [title, day] of [['Data Viz Night', days.pythonUsual], ['Python Night', days.pythonNext]] as const) {
      const [path, night] = view.alsoThatEvening(byTitle(title, day).id)[0]!.planPath.split('#');
      const page = view.plans.find((p) => p.path === path)!;
      expect([page.tag?.name, night, page.weeks.some((w) => w.nights.some((n) => n.day === day))], title).toEqual(['python', `night-${day}`, true]);
    }
    expect(others('Python Night', days.pythonNext)).toEqual([['Pandas Workshop', ['python']]]);
    expect(others('Pandas Workshop', days.pythonNext)).toEqual([['Python Night', ['python']]]);
    expect(others('Data Viz Night', days.pythonUsual)).toEqual([['Spokane Python User Group', ['python']]]);
    expect(others('AWS Community Night', days.conference)).toEqual([['DevOps Days Spokane', ['cloud']]]);
    // Rust shares no tag with Python; Data ends as Python's study hall starts.
    expect(others('Rust Hack Night', days.pythonNext)).toEqual([]);
    expect(others('Notebook Clinic', days.adjacent)).toEqual([]);
  });

  it('states each group’s regular slot on its page, and none for a group without one', () => {
    const { view } = viewOf();
    const usually = Object.fromEntries(view.groups.map((g) => [g.id, g.usually]));
    expect(usually).toEqual({
      'python-spokane': 'Usually meets on the second Tuesday of the month, 6 PM (each of the last 8 months)',
      'spokane-data': null,
      'coffee-code': 'Usually meets every Thursday, 7:30 AM (each of the last 8 months)',
      'inland-rust': 'Usually meets on the last Wednesday of the month, 6:30 PM (each of the last 7 months)',
      'spokane-devops': null,
      'aws-spokane': null,
    });
  });
});
