// Long lists of events split into pages (the template paginates over these, one page each),
// with headings per day or per month and links to the other pages. Page 1 lives at the list's
// own path, page n at `<path><n>/`, so the first page's address never changes. Pages that show
// only the start of a list (a group's, a tag's, the home page) cut it with bounded().

export const PAGE_SIZE = 50;

/** The start of a list, on a page that links to the whole of it. */
export interface Bounded<E> {
  events: E[];
  /** How many there are in all. */
  total: number;
  /** Where the whole list is; null when every event is shown. */
  morePath: string | null;
}

export function bounded<E>(events: E[], most: number, morePath: string): Bounded<E> {
  return { events: events.slice(0, most), total: events.length, morePath: events.length > most ? morePath : null };
}

export interface ListSection<E> {
  /** For the heading's id and aria-labelledby. */
  id: string;
  heading: string;
  /** What <time datetime> says for the heading: a day, a month or a year; null for a heading that is no date ("Ongoing"). */
  datetime: string | null;
  events: E[];
  /** Whether each entry shows its date (month sections) or only its time (day sections). */
  showDate: boolean;
}

export interface ListFilter {
  label: string;
  path: string;
  current: boolean;
}

/** How a list draws its events: a dense row each, or a card each with its image. */
export type ListLayout = 'rows' | 'cards';

export interface ListPage<E> {
  list: string;
  path: string;
  /** For <title>: "Upcoming events (page 2 of 3)". */
  title: string;
  heading: string;
  intro: string;
  pageNumber: number;
  pageCount: number;
  previousPath: string | null;
  nextPath: string | null;
  pages: { number: number; path: string; current: boolean }[];
  total: number;
  sections: ListSection<E>[];
  filters: ListFilter[];
  /** The same list as rows or as cards, when it is offered both ways. */
  views: ListFilter[];
  layout: ListLayout;
  /** The page this list belongs to (a group's, a tag's), linked above it. */
  parent: { label: string; path: string } | null;
  /** Whether each event names its group (not in a group's own list). */
  showGroup: boolean;
  emptyText: string;
}

export interface ListSpec<E> {
  list: string;
  path: string;
  heading: string;
  intro: string;
  emptyText: string;
  filters?: ListFilter[];
  views?: ListFilter[];
  layout?: ListLayout;
  parent?: ListPage<E>['parent'];
  showGroup?: boolean;
  /** The section an event belongs to; consecutive events of one section share a heading. */
  sectionOf: (event: E) => Omit<ListSection<E>, 'events'>;
  size?: number;
}

export function pagePath(base: string, number: number): string {
  return number === 1 ? base : `${base}${number}/`;
}

export function paginate<E>(events: E[], spec: ListSpec<E>): ListPage<E>[] {
  const size = spec.size ?? PAGE_SIZE;
  const chunks: E[][] = [];
  for (let i = 0; i < events.length; i += size) chunks.push(events.slice(i, i + size));
  if (chunks.length === 0) chunks.push([]);
  const pageCount = chunks.length;
  return chunks.map((chunk, i) => {
    const number = i + 1;
    return {
      list: spec.list,
      path: pagePath(spec.path, number),
      title: pageCount > 1 ? `${spec.heading} (page ${number} of ${pageCount})` : spec.heading,
      heading: spec.heading,
      intro: spec.intro,
      pageNumber: number,
      pageCount,
      previousPath: number > 1 ? pagePath(spec.path, number - 1) : null,
      nextPath: number < pageCount ? pagePath(spec.path, number + 1) : null,
      pages: chunks.map((_, j) => ({ number: j + 1, path: pagePath(spec.path, j + 1), current: j === i })),
      total: events.length,
      sections: sectionsOf(chunk, spec.sectionOf),
      filters: spec.filters ?? [],
      views: spec.views ?? [],
      layout: spec.layout ?? 'rows',
      parent: spec.parent ?? null,
      showGroup: spec.showGroup ?? true,
      emptyText: spec.emptyText,
    };
  });
}

export function sectionsOf<E>(events: E[], sectionOf: (event: E) => Omit<ListSection<E>, 'events'>): ListSection<E>[] {
  const sections: ListSection<E>[] = [];
  for (const event of events) {
    const section = sectionOf(event);
    const last = sections.at(-1);
    if (last && last.id === section.id) last.events.push(event);
    else sections.push({ ...section, events: [event] });
  }
  return sections;
}
