import { describe, expect, it } from 'vitest';
import { foldAccentsAndCase } from '../../src/publish/text-folding.ts';

describe('text folded for comparison', () => {
  it('reads the same whatever its accents and case', () => {
    expect(foldAccentsAndCase('Café Ünïcödé')).toBe('cafe unicode');
    expect(foldAccentsAndCase('PYTHON Night')).toBe('python night');
  });

  it('keeps what is not an accent: punctuation, other scripts', () => {
    expect(foldAccentsAndCase('C# & .NET 日本')).toBe('c# & .net 日本');
  });
});
