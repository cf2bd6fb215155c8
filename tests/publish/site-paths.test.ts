import { describe, expect, it } from 'vitest';
import { absoluteUrl, eventPath, pathPrefixOf } from '../../src/publish/site-paths.ts';

describe('an event page’s address', () => {
  it('points at the event’s page under the site, with or without a path prefix', () => {
    expect(absoluteUrl('https://spokanetech.example', eventPath('python-night'))).toBe(
      'https://spokanetech.example/events/python-night/',
    );
    expect(absoluteUrl('https://x.github.io/spokane-tech/', eventPath('python-night'))).toBe(
      'https://x.github.io/spokane-tech/events/python-night/',
    );
  });
});

describe('the site path', () => {
  it('is the root for a site at a domain, and the project path for a project site', () => {
    expect(pathPrefixOf('https://spokanetech.example')).toBe('/');
    expect(pathPrefixOf('https://someone.github.io/spokane-tech/')).toBe('/spokane-tech/');
  });
});

describe('an absolute URL', () => {
  it('keeps the site’s own path and never doubles a slash', () => {
    expect(absoluteUrl('https://x.github.io/spokane-tech', '/calendar.ics')).toBe('https://x.github.io/spokane-tech/calendar.ics');
    expect(absoluteUrl('https://x.github.io/spokane-tech//', '//groups/py/')).toBe('https://x.github.io/spokane-tech/groups/py/');
    expect(absoluteUrl('https://spokanetech.example', '/')).toBe('https://spokanetech.example/');
  });
});
