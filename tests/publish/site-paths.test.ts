import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { absoluteUrl, eventIcsPath, eventPath, pathPrefixOf, safeSlug, siteFile } from '../../src/publish/site-paths.ts';

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

describe('an event’s own calendar file', () => {
  it('sits beside the event’s page', () => {
    expect(eventIcsPath('python-night')).toBe('/events/python-night/event.ics');
  });
});

describe('an event’s folder', () => {
  it('keeps a slug the store made, and makes any other safe to name a folder under events/', () => {
    expect(safeSlug('2026-12-03-python-night-3fa9c1', 'x')).toBe('2026-12-03-python-night-3fa9c1');
    expect(safeSlug('../../Python Night', 'x')).toMatch(/^python-night-[0-9a-f]{8}$/);
    expect(safeSlug('', 'x')).toMatch(/^event-[0-9a-f]{8}$/);
  });
});

describe('a page’s file in the output folder', () => {
  it('is the page’s path under the folder', () => {
    expect(siteFile('/out', '/groups/py/calendar.ics')).toBe(join('/out', 'groups', 'py', 'calendar.ics'));
    expect(siteFile('/out', '/calendar.ics')).toBe(join('/out', 'calendar.ics'));
  });
});
