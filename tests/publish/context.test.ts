import { describe, expect, it } from 'vitest';
import { groupName, viewContext } from '../../src/publish/view/context.ts';
import { siteConfig, storedGroup } from '../helpers/builders.ts';

describe('what the view is built against', () => {
  it('takes today as the site’s local day, not UTC’s', () => {
    // 5 PM in Spokane is already tomorrow in UTC.
    expect(viewContext([], siteConfig(), new Date('2026-11-27T01:00:00Z')).today).toBe('2026-11-26');
  });

  it('writes the site’s URL without a trailing slash', () => {
    expect(viewContext([], siteConfig({ url: 'https://someone.github.io/spokane-tech/' }), new Date()).siteUrl).toBe('https://someone.github.io/spokane-tech');
  });

  it('knows every group’s tags once each, named as first written', () => {
    const context = viewContext([storedGroup({ tags: ['Python', 'web'] }), storedGroup({ id: 'b', tags: ['python'] })], siteConfig(), new Date());
    expect([...context.tags.values()].map((t) => [t.slug, t.name])).toEqual([
      ['python', 'Python'],
      ['web', 'web'],
    ]);
  });

  it('names a group by its name, or by its id when sources.yaml no longer has it', () => {
    const context = viewContext([storedGroup()], siteConfig(), new Date());
    expect([groupName(context, 'python-spokane'), groupName(context, 'gone')]).toEqual(['Spokane Python User Group', 'gone']);
  });
});
