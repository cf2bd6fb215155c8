import { describe, expect, it } from 'vitest';
import { closestKey, placeLabel } from '../../src/config/hints.ts';

describe('which known key an unknown one probably meant', () => {
  it('one letter off in a short key, two in a longer one, a swap counting as one', () => {
    expect(closestKey('tag', ['tags', 'type'])).toBe('tags');
    expect(closestKey('sorces', ['sources', 'tags'])).toBe('sources');
    expect(closestKey('tpye', ['type', 'url'])).toBe('type');
  });

  it('the same words written another way', () => {
    expect(closestKey('minIntervalMs', ['concurrency', 'min_interval_ms'])).toBe('min_interval_ms');
    expect(closestKey('Deadline-Seconds', ['deadline_seconds'])).toBe('deadline_seconds');
  });

  it('a longer key with its unit left out', () => {
    expect(closestKey('min_interval', ['concurrency', 'min_interval_ms'])).toBe('min_interval_ms');
    expect(closestKey('deadline', ['concurrency', 'deadline_seconds', 'hosts'])).toBe('deadline_seconds');
  });

  it('none for a note that is no typo, a short start of a key, or a key it knows', () => {
    expect(closestKey('note', ['id', 'name', 'homepage', 'description', 'tags', 'sources'])).toBeNull();
    expect(closestKey('desc', ['description'])).toBeNull();
    expect(closestKey('sources', ['sources'])).toBeNull();
  });
});

describe('where a key is, in words', () => {
  it('names lists by their items, counted from one, innermost first', () => {
    expect(placeLabel([])).toBe('the top level');
    expect(placeLabel(['site'])).toBe('site');
    expect(placeLabel(['groups', 1])).toBe('group 2');
    expect(placeLabel(['groups', 1, 'sources', 0])).toBe('source 1 of group 2');
    expect(placeLabel(['fetch', 'hosts'])).toBe('fetch.hosts');
  });
});
