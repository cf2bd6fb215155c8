import { monthLabel } from './date-labels.ts';
import { count } from './count.ts';
import type { EventView } from './event.ts';
import { paginate, type ListFilter, type ListPage, type ListSpec } from './list-pages.ts';

// The long lists, page by page: every upcoming event, the online ones, the in-person ones (each
// under a heading per day), and the past events (under a heading per month).

const UPCOMING_FILTERS = [
  { label: 'All', path: '/upcoming/' },
  { label: 'Online', path: '/upcoming/online/' },
  { label: 'In person', path: '/upcoming/in-person/' },
];

/** `upcoming` soonest first, `past` newest first. */
export function eventListPages(upcoming: EventView[], past: EventView[], groupCount: number): ListPage<EventView>[] {
  const online = upcoming.filter((e) => e.attendance !== 'in_person');
  const inPerson = upcoming.filter((e) => e.attendance !== 'online');
  return [
    ...upcomingPages(upcoming, {
      list: 'upcoming',
      path: '/upcoming/',
      heading: 'Upcoming events',
      intro: `${count(upcoming.length, 'upcoming event')} from ${count(groupCount, 'group')}, soonest first.`,
      emptyText: 'No upcoming events are known right now.',
    }),
    ...upcomingPages(online, {
      list: 'online',
      path: '/upcoming/online/',
      heading: 'Upcoming online events',
      intro: `${count(online.length, 'upcoming event')} you can join online (online and hybrid).`,
      emptyText: 'No upcoming online events are known right now.',
    }),
    ...upcomingPages(inPerson, {
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
      sectionOf: (event) => ({
        id: `month-${event.when.day.slice(0, 7)}`,
        heading: monthLabel(event.when.day.slice(0, 7)),
        datetime: event.when.day.slice(0, 7),
        showDate: true,
      }),
    }),
  ];
}

/** An upcoming list: a heading per day, and the filters between all, online and in person. */
function upcomingPages(events: EventView[], spec: Pick<ListSpec<EventView>, 'list' | 'path' | 'heading' | 'intro' | 'emptyText'>): ListPage<EventView>[] {
  const filters: ListFilter[] = UPCOMING_FILTERS.map((f) => ({ ...f, current: f.path === spec.path }));
  return paginate(events, {
    ...spec,
    filters,
    sectionOf: (event) => ({ id: `day-${event.when.day}`, heading: event.when.dateLabel, datetime: event.when.day, showDate: false }),
  });
}
