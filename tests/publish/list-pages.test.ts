import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/publish/view/list-pages.ts';

const spec = {
  list: 'upcoming',
  path: '/upcoming/',
  heading: 'Upcoming events',
  intro: '',
  emptyText: 'Nothing.',
  sectionOf: (n: number) => ({ id: `s-${Math.floor(n / 3)}`, heading: `Group ${Math.floor(n / 3)}`, datetime: '2026-01', showDate: false }),
};

describe('long lists in pages', () => {
  it('keeps page 1 at the list’s own address and numbers the rest, linked both ways', () => {
    const pages = paginate(Array.from({ length: 7 }, (_, i) => i), { ...spec, size: 3 });
    expect(pages.map((p) => p.path)).toEqual(['/upcoming/', '/upcoming/2/', '/upcoming/3/']);
    expect(pages.map((p) => [p.previousPath, p.nextPath])).toEqual([
      [null, '/upcoming/2/'],
      ['/upcoming/', '/upcoming/3/'],
      ['/upcoming/2/', null],
    ]);
    expect(pages[1]!.title).toBe('Upcoming events (page 2 of 3)');
    expect(pages[2]!.pages.map((p) => p.current)).toEqual([false, false, true]);
  });

  it('groups consecutive entries under one heading, repeating it on the next page', () => {
    const pages = paginate([0, 1, 2, 3, 4], { ...spec, size: 4 });
    expect(pages[0]!.sections.map((s) => [s.heading, s.events])).toEqual([
      ['Group 0', [0, 1, 2]],
      ['Group 1', [3]],
    ]);
    expect(pages[1]!.sections.map((s) => [s.heading, s.events])).toEqual([['Group 1', [4]]]);
  });

  it('still makes one page for an empty list, so the address never 404s', () => {
    const pages = paginate([], spec);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ path: '/upcoming/', total: 0, pageCount: 1, sections: [] });
  });
});
