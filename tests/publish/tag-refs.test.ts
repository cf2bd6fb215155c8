import { describe, expect, it } from 'vitest';
import { tagRefs, tagSlug } from '../../src/publish/view/tag-refs.ts';

describe('tag addresses', () => {
  it('gives each tag a readable URL segment, keeping what tells C# from C and C++', () => {
    expect(['python', 'Machine Learning', 'C#', 'C++', 'C', '.NET', 'Café', 'node.js'].map(tagSlug)).toEqual([
      'python',
      'machine-learning',
      'c-sharp',
      'c-plus-plus',
      'c',
      'dotnet',
      'cafe',
      'node-js',
    ]);
  });

  it('still gives a tag of only symbols or another script a stable segment', () => {
    expect(tagSlug('日本語')).toMatch(/^tag-[a-z0-9]+$/);
    expect(tagSlug('日本語')).toBe(tagSlug('日本語'));
    expect(tagSlug('日本語')).not.toBe(tagSlug('中文'));
  });

  it('treats tags that differ only in case as one tag, named as first written', () => {
    expect(tagRefs(['Python', 'python', ' rust '])).toEqual([
      { name: 'Python', slug: 'python', path: '/tags/python/' },
      { name: 'rust', slug: 'rust', path: '/tags/rust/' },
    ]);
  });
});
