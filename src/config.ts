import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type YAMLError } from 'yaml';
import { z } from 'zod';
import { isValidTimeZone } from './time.ts';
import { isWindowsReservedName } from './fsutil.ts';
import { SOURCE_TYPES, type Config } from './types.ts';

/** One thing wrong with the config, at a place the maintainer can jump to (1-based). */
export type ConfigProblem = { file: string; line: number; column: number; message: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Thrown by readConfigOrThrow; its message already lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config file. User mistakes come back as problems, all of them at once. */
export function loadConfig(path: string): ConfigResult {
  const read = readText(path);
  if (typeof read !== 'string') return { ok: false, problems: [read] };

  const lineCounter = new LineCounter();
  // prettyErrors off: the message stays one clean line and we add the position ourselves.
  // uniqueKeys is the parser's default, spelled out: a key given twice is an error, not a choice.
  const doc = parseDocument(read, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at: ProblemAt = (offset, message) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col, message };
  };

  // A document with syntax errors is only partly built; checking its schema would add noise.
  if (doc.errors.length > 0) return { ok: false, problems: syntaxProblems(doc.errors, at) };
  const raw = toData(doc, at);
  if (!raw.ok) return { ok: false, problems: [raw.problem] };
  if (!isMap(doc.contents)) return { ok: false, problems: [at(0, notAMapping(raw.data))] };

  const parsed = configSchema.safeParse(raw.data);
  const misspelt = misspeltKeys(doc);
  const problems = [
    ...(parsed.error?.issues ?? [])
      .filter((issue) => !explainedByMisspelling(issue.path, misspelt))
      .map((issue) => at(offsetOf(doc, issue.path), issue.message)),
    ...misspelt.map((m) => at(m.offset, m.message)),
    ...duplicateGroupIds(doc, raw.data, at),
  ].sort((a, b) => a.line - b.line || a.column - b.column);

  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, config: parsed.data };
}

/** For callers that cannot go on without a config (the CLI catches ConfigError and exits 2). */
export function readConfigOrThrow(path: string): Config {
  const result = loadConfig(path);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

// ---- Reading ----

type ProblemAt = (offset: number, message: string) => ConfigProblem;

/**
 * A sources.yaml of a few hundred groups is tens of kilobytes. Far beyond that the file is not
 * the one meant (or is an attack on the parser, which slows and finally crashes on megabytes of
 * deep nesting), and it is refused before it is read.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Aliases (`*name`) the config may expand; a "billion laughs" file needs many more. */
const MAX_ALIAS_COUNT = 100;

function readText(path: string): string | ConfigProblem {
  const problem = (message: string): ConfigProblem => ({ file: path, line: 1, column: 1, message });
  try {
    const { size } = statSync(path);
    if (size > MAX_CONFIG_BYTES) {
      return problem(
        `config file ${resolve(path)} is ${megabytes(size)}; a sources.yaml is at most ${megabytes(MAX_CONFIG_BYTES)} (is this the right file?)`,
      );
    }
    // A byte-order mark (some Windows editors write one) is not part of the YAML.
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return problem(`config file not found: ${resolve(path)}`);
    if (code === 'EISDIR') return problem(`config file ${resolve(path)} is a directory, not a YAML file`);
    return problem(`cannot read config file ${resolve(path)}: ${(error as Error).message}`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The parser's errors, with the unclear ones said plainly. */
function syntaxProblems(errors: YAMLError[], at: ProblemAt): ConfigProblem[] {
  const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    // Every later error of a tab-indented file follows from the tabs; they would only confuse.
    const more = tabs.length > 1 ? ` (and ${tabs.length - 1} more line${tabs.length > 2 ? 's' : ''})` : '';
    return [at(tabs[0]!.pos[0], `indented with a tab${more}; YAML indents with spaces only, so replace the tabs with spaces`)];
  }
  return errors.map((e) =>
    at(
      e.pos[0],
      e.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply to read; a sources.yaml needs only a few levels of indentation' : e.message,
    ),
  );
}

/** toJS throws on aliases it cannot expand (an unknown anchor, an alias bomb); report, don't crash. */
function toData(doc: Document, at: ProblemAt): { ok: true; data: unknown } | { ok: false; problem: ConfigProblem } {
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const unresolved = aliasOffset(doc, (alias) => !alias.resolve(doc));
    if (unresolved !== null) return { ok: false, problem: at(unresolved, (error as Error).message) };
    // The parser's own words ("Excessive alias count indicates a resource exhaustion attack") do
    // not say what to change.
    return {
      ok: false,
      problem: at(
        aliasOffset(doc, () => true) ?? 0,
        `too many aliases: expanding the *references to &anchors would make this config enormous (more than ${MAX_ALIAS_COUNT} expansions); write the values out instead`,
      ),
    };
  }
}

/** Where the first alias that `matches` is, or null. */
function aliasOffset(doc: Document, matches: (alias: Alias) => boolean): number | null {
  let offset: number | null = null;
  visit(doc, {
    Alias(_, alias) {
      if (!alias.range || !matches(alias)) return undefined;
      offset = alias.range[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function notAMapping(value: unknown): string {
  if (value == null) return 'config file is empty; expected a mapping with site: and groups:';
  if (typeof value === 'string' && /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(value)) {
    return 'config file is not text (binary data, or not UTF-8); expected a YAML mapping with site: and groups:';
  }
  return `config must be a mapping with site: and groups: at the top level, not ${describe(value)}`;
}

// ---- Schema ----

const TZ_HINT = ' (IANA name like America/Los_Angeles)';

/** How a wrong value reads in a message: what the maintainer actually wrote. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** A required string. `key:` with no value parses to null, so null reads as missing too. */
function requiredText(what: string, missingHint = '') {
  return z.string({
    error: (issue) =>
      issue.input == null ? `${what} is missing${missingHint}` : `${what} must be text, not ${describe(issue.input)}`,
  });
}

function nonEmptyText(what: string) {
  return requiredText(what).refine((s) => s.trim() !== '', { error: `${what} is empty` });
}

/** An optional string; an empty `key:` counts as not given rather than as an error. */
function optionalText(what: string) {
  return z
    .string({ error: (issue) => `${what} must be text, not ${describe(issue.input)}` })
    .nullish()
    .transform((value) => value ?? undefined);
}

function isHttpUrl(text: string): boolean {
  // The WHATWG parser accepts "http:host" too; the config should spell the scheme out in full.
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}

function httpUrl(what: string, missingHint = '') {
  return requiredText(what, missingHint).refine(isHttpUrl, {
    error: (issue) => `${what} "${String(issue.input)}" must be an http(s) URL (absolute, like https://example.com/)`,
  });
}

function optionalHttpUrl(what: string) {
  return optionalText(what).refine((value) => value === undefined || isHttpUrl(value), {
    error: (issue) => `${what} "${String(issue.input)}" must be an http(s) URL (absolute, like https://example.com/)`,
  });
}

/** A mapping whose wrong-type message says what was expected; unknown keys are kept, never rejected. */
function mapping<Shape extends z.ZodRawShape>(what: string, shape: Shape) {
  return z.looseObject(shape, {
    error: (issue) =>
      issue.input == null ? `${what} is missing` : `${what} must be a mapping, not ${describe(issue.input)}`,
  });
}

const allowedTypes = SOURCE_TYPES.join(', ');

const sourceSchema = mapping('source (type and url)', {
  type: z.enum(SOURCE_TYPES, {
    error: (issue) =>
      issue.input == null
        ? `source type is missing; expected one of ${allowedTypes}`
        : `unknown source type ${JSON.stringify(issue.input)}; expected one of ${allowedTypes}`,
  }),
  url: httpUrl('source url'),
});

const groupSchema = mapping('group (id, name and sources)', {
  id: requiredText('group id')
    .refine((id) => /^[a-z0-9-]+$/.test(id), {
      error: (issue) => `group id "${String(issue.input)}" must be lowercase letters, digits and hyphens ([a-z0-9-]+)`,
    })
    .refine((id) => !isWindowsReservedName(id), {
      error: (issue) =>
        `group id "${String(issue.input)}" is a reserved file name on Windows (con, prn, aux, nul, com1-9, lpt1-9), ` +
        'and the site has a folder per group id; pick another',
      abort: true,
    }),
  name: nonEmptyText('group name'),
  homepage: optionalHttpUrl('group homepage'),
  description: optionalText('group description'),
  tags: z
    .array(z.string({ error: (issue) => `each tag must be text, not ${describe(issue.input)}` }), {
      error: (issue) => `tags must be a list like [python, data], not ${describe(issue.input)}`,
    })
    .nullish()
    .transform((tags) => tags ?? []),
  sources: z
    .array(sourceSchema, {
      error: (issue) =>
        issue.input == null
          ? 'sources is missing; every group needs at least one source (type and url)'
          : `sources must be a list of sources (type and url), not ${describe(issue.input)}`,
    })
    .min(1, { error: 'sources is empty; every group needs at least one source (type and url)' }),
});

const siteSchema = mapping('site (title, url and timezone)', {
  title: nonEmptyText('site.title'),
  url: httpUrl('site.url', ' (the absolute base URL for feeds and links)'),
  timezone: requiredText('site.timezone', TZ_HINT).refine(isValidTimeZone, {
    error: (issue) => `"${String(issue.input)}" is not a known time zone${TZ_HINT}`,
  }),
  description: optionalText('site.description'),
});

const eventUrlPair = z
  .array(httpUrl('event url'), { error: 'each entry must be a pair of event URLs, like [https://…, https://…]' })
  .length(2, { error: 'each entry must be a pair of event URLs, like [https://…, https://…]' })
  .transform((pair) => pair as [string, string]);

/** Manual corrections to the automatic matching of one event listed by two sources. */
const duplicatesSchema = mapping('duplicates (merge and split)', {
  merge: z.array(eventUrlPair, { error: 'duplicates.merge must be a list of URL pairs' }).nullish().transform((v) => v ?? []),
  split: z.array(eventUrlPair, { error: 'duplicates.split must be a list of URL pairs' }).nullish().transform((v) => v ?? []),
})
  .nullish()
  .transform((v) => v ?? { merge: [], split: [] });

function wholeNumber(what: string, min: number) {
  return z
    .number({ error: (issue) => `${what} must be a whole number, not ${describe(issue.input)}` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` });
}

const hostPolicySchema = mapping('host settings (concurrency, min_interval_ms)', {
  concurrency: wholeNumber('concurrency', 1).optional(),
  min_interval_ms: wholeNumber('min_interval_ms', 0).optional(),
}).transform(({ concurrency, min_interval_ms }) => ({
  ...(concurrency === undefined ? {} : { concurrency }),
  ...(min_interval_ms === undefined ? {} : { minIntervalMs: min_interval_ms }),
}));

/** How politely the fetch engine treats each host; every key optional, defaults in src/http. */
const fetchSchema = mapping('fetch (concurrency, deadline_seconds, hosts)', {
  concurrency: wholeNumber('fetch.concurrency', 1).optional(),
  deadline_seconds: wholeNumber('fetch.deadline_seconds', 1).optional(),
  hosts: z.record(z.string(), hostPolicySchema, { error: 'fetch.hosts must map host names to settings' }).optional(),
})
  .nullish()
  .transform((v) => ({
    ...(v?.concurrency === undefined ? {} : { concurrency: v.concurrency }),
    ...(v?.deadline_seconds === undefined ? {} : { deadlineSeconds: v.deadline_seconds }),
    ...(v?.hosts === undefined ? {} : { hosts: v.hosts }),
  }));

const configSchema = z.looseObject({
  site: siteSchema,
  fetch: fetchSchema,
  duplicates: duplicatesSchema,
  groups: z
    .array(groupSchema, {
      error: (issue) =>
        issue.input == null
          ? 'groups is missing; list the groups to fetch'
          : `groups must be a list of groups, not ${describe(issue.input)}`,
    })
    .min(1, { error: 'groups is empty; list at least one group' }),
});

// ---- Misspelt keys ----

// Keys the tool does not know are fine (a maintainer's notes, settings for other tools). A key one
// or two letters away from a known one is not a note but a typo, and the setting it meant would
// silently not apply: `timezon:` would leave the site's zone unset, `sorces:` a group without
// sources. Those are refused with the key they probably meant. The fetch section checks its own.
const KNOWN_KEYS = {
  top: ['site', 'fetch', 'duplicates', 'groups'],
  site: ['title', 'url', 'timezone', 'description'],
  group: ['id', 'name', 'homepage', 'description', 'tags', 'sources'],
  source: ['type', 'url'],
  duplicates: ['merge', 'split'],
};

interface Misspelling {
  /** Where the mapping holding the misspelt key is, as a path of the data. */
  parent: (string | number)[];
  key: string;
  meant: string;
  offset: number;
  message: string;
}

function misspeltKeys(doc: Document): Misspelling[] {
  const found: Misspelling[] = [];
  const check = (node: unknown, known: string[], parent: (string | number)[], where: string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.range) continue;
      const key = pair.key.value;
      const meant = closestKey(key, known);
      if (meant === null) continue;
      found.push({
        parent,
        key,
        meant,
        offset: pair.key.range[0],
        message: `unknown key "${key}" in ${where}; did you mean "${meant}"?`,
      });
    }
  };
  const top = doc.contents;
  check(top, KNOWN_KEYS.top, [], 'the top level');
  if (!isMap(top)) return found;
  check(top.get('site', true), KNOWN_KEYS.site, ['site'], 'site');
  check(top.get('duplicates', true), KNOWN_KEYS.duplicates, ['duplicates'], 'duplicates');
  const groups = top.get('groups', true);
  if (isSeq(groups)) {
    groups.items.forEach((group, g) => {
      check(group, KNOWN_KEYS.group, ['groups', g], `group ${g + 1}`);
      const sources = isMap(group) ? group.get('sources', true) : undefined;
      if (isSeq(sources)) sources.items.forEach((source, i) => check(source, KNOWN_KEYS.source, ['groups', g, 'sources', i], `source ${i + 1} of group ${g + 1}`));
    });
  }
  return found;
}

/**
 * The known key `key` is probably a typo of: one edit away for short keys (`tag`, `urls`), two
 * for longer ones (`sorces`, `timezon`, `home_page`), letters swapped counting as one edit, case
 * ignored. Null for a key that is known or not close to any.
 */
export function closestKey(key: string, known: string[]): string | null {
  if (known.includes(key)) return null;
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name);
    const allowed = name.length <= 4 ? 1 : 2;
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
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
function explainedByMisspelling(path: readonly PropertyKey[], misspelt: Misspelling[]): boolean {
  return misspelt.some(
    (m) => path.length === m.parent.length + 1 && m.parent.every((segment, i) => path[i] === segment) && path.at(-1) === m.meant,
  );
}

// ---- Positions ----

/**
 * Where the node at `path` starts. A missing key points at the mapping that lacks it, and an
 * empty `key:` at its key, since an empty value has no text of its own to point at.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    const child = childAt(node, segment);
    if (!child) break;
    node = child.value;
    offset = child.offset;
  }
  return offset;
}

function childAt(node: Node | null, segment: PropertyKey): { value: Node; offset: number } | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNode(item) && item.range ? { value: item, offset: item.range[0] } : undefined;
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const value = pair.value;
  if (isNode(value) && value.range && !(isScalar(value) && value.source === '')) {
    return { value, offset: value.range[0] };
  }
  return { value: pair.key, offset: pair.key.range[0] };
}

/** Ids are used in URLs, so a second group with the same id would overwrite the first's pages. */
function duplicateGroupIds(doc: Document, raw: unknown, at: ProblemAt): ConfigProblem[] {
  const groups = (raw as { groups?: unknown }).groups;
  if (!Array.isArray(groups)) return [];
  const firstLine = new Map<string, number>();
  const duplicates: ConfigProblem[] = [];
  groups.forEach((group: unknown, index) => {
    const id = (group as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const here = at(offsetOf(doc, ['groups', index, 'id']), `duplicate group id "${id}"`);
    const first = firstLine.get(id);
    if (first === undefined) firstLine.set(id, here.line);
    else duplicates.push({ ...here, message: `${here.message} (first defined at line ${first})` });
  });
  return duplicates;
}
