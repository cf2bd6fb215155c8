import { addDays, isoWeekOf } from '../../time.ts';
import { dayLabelFrom, monthLabel, plainDateLabel } from './date-labels.ts';
import { count } from './count.ts';
import type { EventView } from './event.ts';
import type { GroupView } from './group.ts';
import type { TagView } from './tag.ts';
import { paginate, pagePath, type ListFilter, type ListLayout, type ListPage, type ListSection, type ListSpec } from './list-pages.ts';

// The long lists, page by page: every upcoming event, the online ones, the in-person ones (each
// under a heading per day, as rows or as cards), the past events (under a heading per month),
// and the whole of a group's or a tag's list where its own page shows only the start of it.

const UPCOMING_FILTERS = [
  { label: 'All', path: '/upcoming/' },
  { label: 'Online', path: '/upcoming/online/' },
  { label: 'In person', path: '/upcoming/in-person/' },
];

/** Where a list's cards are: beside its rows, `<path>cards/`. */
function cardsPath(path: string): string {
  return `${path}cards/`;
}

type Section = Omit<ListSection<EventView>, 'events'>;

/** `upcoming` soonest first, `past` newest first; `today` the site's local day. */
export function eventListPages(upcoming: EventView[], past: EventView[], groupCount: number, today: string): ListPage<EventView>[] {
  const online = upcoming.filter((e) => e.attendance !== 'in_person');
  const inPerson = upcoming.filter((e) => e.attendance !== 'online');
  return [
    ...upcomingPages(upcoming, today, {
      list: 'upcoming',
      path: '/upcoming/',
      heading: 'Upcoming events',
      intro: `${count(upcoming.length, 'upcoming event')} from ${count(groupCount, 'group')}, soonest first.`,
      emptyText: 'No upcoming events are known right now.',
    }),
    ...upcomingPages(online, today, {
      list: 'online',
      path: '/upcoming/online/',
      heading: 'Upcoming online events',
      intro: `${count(online.length, 'upcoming event')} you can join online (online and hybrid).`,
      emptyText: 'No upcoming online events are known right now.',
    }),
    ...upcomingPages(inPerson, today, {
      list: 'in-person',
      path: '/upcoming/in-person/',
      heading: 'Upcoming in-person events',
      intro: `${count(inPerson.length, 'upcoming event')} with a place to go (in person and hybrid).`,
      emptyText: 'No upcoming in-person events are known right now.',
    }),
    ...paginate(past, {
      list: 'past',
      path: '/past/',
      heading: 'Past events',
      intro: `${count(past.length, 'past event')}, newest first, by month.`,
      emptyText: 'No past events recorded yet.',
      sectionOf: bySectionOfMonth,
    }),
  ];
}

/** The whole of a group's upcoming or past list, for a group whose page shows only the start of it. */
export function groupListPages(
  group: Pick<GroupView, 'name' | 'path' | 'upcoming' | 'past' | 'shown'>,
  today: string,
): ListPage<EventView>[] {
  const parent = { label: group.name, path: group.path };
  const pages: ListPage<EventView>[] = [];
  if (group.shown.upcoming.morePath) {
    pages.push(
      ...paginate(group.upcoming, {
        list: 'group-upcoming',
        path: group.shown.upcoming.morePath,
        heading: `Upcoming events of ${group.name}`,
        intro: `${count(group.upcoming.length, 'upcoming event')}, soonest first.`,
        emptyText: 'No upcoming events are known right now.',
        parent,
        showGroup: false,
        sectionOf: (event) => daySection(event, today),
      }),
    );
  }
  if (group.shown.past.morePath) {
    pages.push(
      ...paginate(group.past, {
        list: 'group-past',
        path: group.shown.past.morePath,
        heading: `Past events of ${group.name}`,
        intro: `${count(group.past.length, 'past event')}, newest first, by year.`,
        emptyText: 'No past events recorded yet.',
        parent,
        showGroup: false,
        sectionOf: yearSection,
      }),
    );
  }
  return pages;
}

/** The whole of a tag's upcoming list, for a tag whose page shows only the start of it. */
export function tagListPages(
  tag: Pick<TagView, 'name' | 'path' | 'upcoming' | 'shown'>,
  today: string,
): ListPage<EventView>[] {
  if (!tag.shown.upcoming.morePath) return [];
  return paginate(tag.upcoming, {
    list: 'tag-upcoming',
    path: tag.shown.upcoming.morePath,
    heading: `Upcoming events tagged ${tag.name}`,
    intro: `${count(tag.upcoming.length, 'upcoming event')}, soonest first.`,
    emptyText: `No upcoming ${tag.name} events are known right now.`,
    parent: { label: `Events tagged ${tag.name}`, path: tag.path },
    sectionOf: (event) => daySection(event, today),
  });
}

/**
 * An upcoming list twice, as rows and as cards, each with the same pages; the filters between
 * all, online and in person, and the choice between rows and cards, are links.
 */
function upcomingPages(
  events: EventView[],
  today: string,
  spec: Pick<ListSpec<EventView>, 'list' | 'path' | 'heading' | 'intro' | 'emptyText'>,
): ListPage<EventView>[] {
  const layouts: [ListLayout, string][] = [
    ['rows', spec.path],
    ['cards', cardsPath(spec.path)],
  ];
  return layouts.flatMap(([layout, path]) => {
    const filters: ListFilter[] = UPCOMING_FILTERS.map((f) => ({
      label: f.label,
      path: layout === 'rows' ? f.path : cardsPath(f.path),
      current: f.path === spec.path,
    }));
    // Cards fill a grid a week at a time (each card has its date); rows are dense enough for a heading per day.
    const sectionOf = layout === 'rows' ? (event: EventView) => daySection(event, today) : (event: EventView) => weekSection(event, today);
    const pages = paginate(events, { ...spec, path, layout, filters, sectionOf });
    for (const page of pages) {
      page.views = layouts.map(([other, otherPath]) => ({
        label: other === 'rows' ? 'List' : 'Cards',
        path: pagePath(otherPath, page.pageNumber),
        current: other === layout,
      }));
    }
    return pages;
  });
}

/**
 * A day's heading, "Today" and "Tomorrow" said as such; events that began on an earlier day and
 * still run come first, under "Ongoing", so that no list of what is coming opens with a day past.
 */
function daySection(event: EventView, today: string): Section {
  if (event.ongoing) return { id: 'ongoing', heading: 'Ongoing', datetime: null, showDate: false };
  const day = event.when.day;
  return { id: `day-${day}`, heading: dayHeading(day, today), datetime: day, showDate: false };
}

/** "Today · Thursday, November 26", "Tomorrow · …", else the day alone (its year when not this one). */
export function dayHeading(day: string, today: string): string {
  const label = dayLabelFrom(day, today.slice(0, 4));
  return day === today ? `Today · ${label}` : day === addDays(today, 1) ? `Tomorrow · ${label}` : label;
}

/** A week's heading (weeks run Monday to Sunday): "This week", "Next week", "Week of December 7, 2026". */
function weekSection(event: EventView, today: string): Section {
  if (event.ongoing) return { id: 'ongoing', heading: 'Ongoing', datetime: null, showDate: true };
  const week = isoWeekOf(event.when.day);
  return { id: `week-${week.id}`, heading: weekHeading(event.when.day, today), datetime: week.id, showDate: true };
}

/** The heading of the week a day is in: "This week", "Next week", "Week of December 7, 2026". */
export function weekHeading(day: string, today: string): string {
  const week = isoWeekOf(day);
  const thisWeek = isoWeekOf(today);
  if (week.id === thisWeek.id) return 'This week';
  return week.monday === addDays(thisWeek.monday, 7) ? 'Next week' : `Week of ${plainDateLabel(week.monday)}`;
}

function bySectionOfMonth(event: EventView): Section {
  const month = event.when.day.slice(0, 7);
  return { id: `month-${month}`, heading: monthLabel(month), datetime: month, showDate: true };
}

export function yearSection(event: EventView): Section {
  const year = event.when.day.slice(0, 4);
  return { id: `year-${year}`, heading: year, datetime: year, showDate: true };
}
