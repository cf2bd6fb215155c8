// Long lists of events split into pages (the template paginates over these, one page each),
// with headings per day or per month and links to the other pages. Page 1 lives at the list's
// own path, page n at `<path><n>/`, so the first page's address never changes.

export const PAGE_SIZE = 50;

export interface ListSection<E> {
  /** For the heading's id and aria-labelledby. */
  id: string;
  heading: string;
  /** What <time datetime> says for the heading: a day or a month. */
  datetime: string;
  events: E[];
  /** Whether each entry shows its date (month sections) or only its time (day sections). */
  showDate: boolean;
}

export interface ListFilter {
  label: string;
  path: string;
  current: boolean;
}

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
  emptyText: string;
}

export interface ListSpec<E> {
  list: string;
  path: string;
  heading: string;
  intro: string;
  emptyText: string;
  filters?: ListFilter[];
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
