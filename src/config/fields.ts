import { z } from 'zod';

// The pieces the config's schema is built from. Each says, in the maintainer's words, what is
// wrong with a value: what was expected and what was written instead.

/** How a wrong value reads in a message: what the maintainer actually wrote. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** A required string. `key:` with no value parses to null, so null reads as missing too. */
export function requiredText(what: string, missingHint = '') {
  return z.string({
    error: (issue) =>
      issue.input == null ? `${what} is missing${missingHint}` : `${what} must be text, not ${describe(issue.input)}`,
  });
}

export function nonEmptyText(what: string) {
  return requiredText(what).refine((s) => s.trim() !== '', { error: `${what} is empty` });
}

/** An optional string; an empty `key:` counts as not given rather than as an error. */
export function optionalText(what: string) {
  return z
    .string({ error: (issue) => `${what} must be text, not ${describe(issue.input)}` })
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
}

export function isHttpUrl(text: string): boolean {
  // The WHATWG parser accepts "http:host" too; the config should spell the scheme out in full.
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}

const notHttpUrl = (what: string) => (issue: { input: unknown }) =>
  `${what} "${String(issue.input)}" must be an http(s) URL (absolute, like https://example.com/)`;

export function httpUrl(what: string, missingHint = '') {
  return requiredText(what, missingHint).refine(isHttpUrl, { error: notHttpUrl(what) });
}

export function optionalHttpUrl(what: string) {
  return optionalText(what).refine((value) => value === undefined || isHttpUrl(value), { error: notHttpUrl(what) });
}

/**
 * A mapping whose wrong-type message says what was expected. Keys it does not know are not
 * refused (a maintainer's notes, settings for other tools; hints.ts catches the typos) and not kept.
 */
export function mapping<Shape extends z.ZodRawShape>(what: string, shape: Shape) {
  return z.object(shape, {
    error: (issue) =>
      issue.input == null ? `${what} is missing` : `${what} must be a mapping, not ${describe(issue.input)}`,
  });
}

export function wholeNumber(what: string, min: number) {
  return z
    .number({ error: (issue) => `${what} must be a whole number, not ${describe(issue.input)}` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` });
}
