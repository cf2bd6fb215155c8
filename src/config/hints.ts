import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';

// Keys the tool does not know are fine (a maintainer's notes, settings for other tools). A key one
// or two letters away from a known one is not a note but a typo, and the setting it meant would
// silently not apply: `timezon:` would leave the site's zone unset, `sorces:` a group without
// sources. Those are refused with the key they probably meant. The known keys are the schema's
// own, read from it as the YAML is walked, so a key added to the schema is known here too.

export type DataPath = (string | number)[];

export interface Misspelling {
  /** Where the mapping holding the misspelt key is, as a path of the data. */
  parent: DataPath;
  key: string;
  meant: string;
  offset: number;
  message: string;
}

/** Every key of the document that is probably a typo of a key the schema knows at that place. */
export function misspeltKeys(doc: Document, schema: z.ZodType): Misspelling[] {
  const found: Misspelling[] = [];
  // `where` names a mapping that is the value of a free-form key (a host under fetch.hosts).
  const walk = (node: unknown, at: z.ZodType, path: DataPath, where = placeLabel(path)): void => {
    const expected = unwrapped(at);
    const def = expected._zod.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
    if (def.type === 'object' && isMap(node)) {
      const shape = def.shape ?? {};
      for (const pair of node.items) {
        if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.range) continue;
        const key = pair.key.value;
        const known = shape[key];
        if (known) {
          walk(pair.value, known, [...path, key]);
          continue;
        }
        const meant = closestKey(key, Object.keys(shape));
        if (meant === null) continue;
        const message = `unknown key "${key}" in ${where}; did you mean "${meant}"?`;
        found.push({ parent: path, key, meant, offset: pair.key.range[0], message });
      }
    } else if (def.type === 'array' && def.element && isSeq(node)) {
      node.items.forEach((item, index) => walk(item, def.element!, [...path, index]));
    } else if (def.type === 'record' && def.valueType && isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key)) walk(pair.value, def.valueType, [...path, String(pair.key.value)], `${placeLabel(path)} "${String(pair.key.value)}"`);
      }
    }
  };
  walk(doc.contents as Node | null, schema, []);
  return found;
}

/** The schema a value is checked against, without the optional, nullable, default and transform layers around it. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** "the top level", "site", "group 2", "source 1 of group 2", "fetch.hosts". */
export function placeLabel(path: DataPath): string {
  if (path.length === 0) return 'the top level';
  const parts: string[] = [];
  let keys: string[] = [];
  path.forEach((segment, i) => {
    if (typeof segment === 'number') {
      const list = String(path[i - 1] ?? 'item');
      keys.pop();
      if (keys.length) parts.push(keys.join('.'));
      keys = [];
      parts.push(`${list.replace(/s$/, '')} ${segment + 1}`);
    } else {
      keys.push(segment);
    }
  });
  if (keys.length) parts.push(keys.join('.'));
  return parts.reverse().join(' of ');
}

/**
 * The known key `key` is probably a typo of: one edit away for short keys (`tag`, `urls`), two
 * for longer ones (`sorces`, `timezon`, `home_page`), letters swapped counting as one edit, case
 * ignored; the same words written another way (`minIntervalMs` for `min_interval_ms`); or the
 * start of a longer key, its unit left out (`min_interval`, `deadline`). Null for a key that is
 * known or not close to any.
 */
export function closestKey(key: string, known: string[]): string | null {
  if (known.includes(key)) return null;
  const words = wordsOf(key);
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name);
    const allowed = name.length <= 4 ? 1 : 2;
    const sameWords = words === wordsOf(name);
    const unitLeftOut = words.length >= 5 && wordsOf(name).startsWith(words);
    if ((distance <= allowed || sameWords || unitLeftOut) && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** A key's letters and digits, lower case: `minIntervalMs` and `min_interval_ms` are the same words. */
function wordsOf(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** "sources is missing" says nothing new next to "unknown key "sorces"; did you mean "sources"?". */
export function explainedByMisspelling(path: readonly PropertyKey[], misspelt: Misspelling[]): boolean {
  return misspelt.some(
    (m) => path.length === m.parent.length + 1 && m.parent.every((segment, i) => path[i] === segment) && path.at(-1) === m.meant,
  );
}
