import { describe, expect, it } from 'vitest';
import { count } from '../../src/publish/view/count.ts';

describe('a number of things in words', () => {
  it('writes one thing in the singular and any other number in the plural', () => {
    expect([count(0, 'event'), count(1, 'event'), count(2, 'event')]).toEqual(['0 events', '1 event', '2 events']);
  });

  it('takes an irregular plural', () => {
    expect([count(1, 'fetch', 'fetches'), count(3, 'fetch', 'fetches')]).toEqual(['1 fetch', '3 fetches']);
  });
});
