import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, LineCounter, parseDocument, visit, type Alias, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { describe } from './fields.ts';
import { explainedByMisspelling, misspeltKeys } from './hints.ts';
import { offsetOf, type ConfigProblem, type ProblemAt } from './positions.ts';

// Reading a YAML file a maintainer wrote (sources.yaml, a manual-events file) against its
// schema: every mistake comes back as a problem at its line and column, all of them at once,
// and no input, however hostile, makes the parser crash or take long.

/** What kind of file is being read, in the words its messages use. */
export interface FileKind {
  /** "config" */
  name: string;
  /** "config file" */
  noun: string;
  /** "a sources.yaml" */
  example: string;
  /** "site: and groups:" */
  topKeys: string;
}

export type YamlResult<T> = { ok: true; data: T } | { ok: false; problems: ConfigProblem[] };

/**
 * A file of a few hundred groups is tens of kilobytes. Far beyond that the file is not the one
 * meant (or is an attack on the parser, which slows and finally crashes on megabytes of deep
 * nesting), and it is refused before it is read.
 */
export const MAX_YAML_BYTES = 1024 * 1024;

/** Aliases (`*name`) a file may expand; a "billion laughs" file needs many more. */
const MAX_ALIAS_COUNT = 100;

/** What a schema cannot say (two groups sharing an id), checked on the data as written. */
export type ExtraCheck = (doc: Document, raw: unknown, at: ProblemAt) => ConfigProblem[];

/** Read, parse and validate; the data is what the schema made of it. */
export function readYamlFile<S extends z.ZodType>(
  path: string,
  schema: S,
  kind: FileKind,
  extraCheck: ExtraCheck = () => [],
): YamlResult<z.output<S>> {
  const read = readText(path, kind);
  if (typeof read !== 'string') return { ok: false, problems: [read] };
  return readYamlText(read, path, schema, kind, extraCheck);
}

/** The same for a text not yet written (a file about to be changed): its problems are named at `path`. */
export function readYamlText<S extends z.ZodType>(
  text: string,
  path: string,
  schema: S,
  kind: FileKind,
  extraCheck: ExtraCheck = () => [],
): YamlResult<z.output<S>> {
  const lineCounter = new LineCounter();
  // prettyErrors off: the message stays one clean line and we add the position ourselves.
  // uniqueKeys is the parser's default, spelled out: a key given twice is an error, not a choice.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at: ProblemAt = (offset, message) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col, message };
  };

  // A document with syntax errors is only partly built; checking its schema would add noise.
  if (doc.errors.length > 0) return { ok: false, problems: syntaxProblems(doc.errors, at, kind) };
  const raw = toData(doc, at, kind);
  if (!raw.ok) return { ok: false, problems: [raw.problem] };
  if (!isMap(doc.contents)) return { ok: false, problems: [at(0, notAMapping(raw.data, kind))] };

  const parsed = schema.safeParse(raw.data);
  const misspelt = misspeltKeys(doc, schema);
  const problems = [
    ...(parsed.error?.issues ?? [])
      .filter((issue) => !explainedByMisspelling(issue.path, misspelt))
      .map((issue) => at(offsetOf(doc, issue.path), issue.message)),
    ...misspelt.map((m) => at(m.offset, m.message)),
    ...extraCheck(doc, raw.data, at),
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortedProblems(problems) };
  return { ok: true, data: parsed.data };
}

function sortedProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

function readText(path: string, kind: FileKind): string | ConfigProblem {
  const problem = (message: string): ConfigProblem => ({ file: path, line: 1, column: 1, message });
  try {
    const { size } = statSync(path);
    if (size > MAX_YAML_BYTES) {
      return problem(
        `${kind.noun} ${resolve(path)} is ${megabytes(size)}; ${kind.example} is at most ${megabytes(MAX_YAML_BYTES)} (is this the right file?)`,
      );
    }
    // A byte-order mark (some Windows editors write one) is not part of the YAML.
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return problem(`${kind.noun} not found: ${resolve(path)}`);
    if (code === 'EISDIR') return problem(`${kind.noun} ${resolve(path)} is a directory, not a YAML file`);
    return problem(`cannot read ${kind.noun} ${resolve(path)}: ${(error as Error).message}`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The parser's errors, with the unclear ones said plainly. */
function syntaxProblems(errors: YAMLError[], at: ProblemAt, kind: FileKind): ConfigProblem[] {
  const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    // Every later error of a tab-indented file follows from the tabs; they would only confuse.
    const more = tabs.length > 1 ? ` (and ${tabs.length - 1} more line${tabs.length > 2 ? 's' : ''})` : '';
    return [at(tabs[0]!.pos[0], `indented with a tab${more}; YAML indents with spaces only, so replace the tabs with spaces`)];
  }
  return errors.map((e) =>
    at(
      e.pos[0],
      e.code === 'RESOURCE_EXHAUSTION' ? `nested too deeply to read; ${kind.example} needs only a few levels of indentation` : e.message,
    ),
  );
}

/** toJS throws on aliases it cannot expand (an unknown anchor, an alias bomb); report, don't crash. */
function toData(doc: Document, at: ProblemAt, kind: FileKind): { ok: true; data: unknown } | { ok: false; problem: ConfigProblem } {
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
        `too many aliases: expanding the *references to &anchors would make this ${kind.name} enormous (more than ${MAX_ALIAS_COUNT} expansions); write the values out instead`,
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

function notAMapping(value: unknown, kind: FileKind): string {
  if (value == null) return `${kind.noun} is empty; expected a mapping with ${kind.topKeys}`;
  if (typeof value === 'string' && /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(value)) {
    return `${kind.noun} is not text (binary data, or not UTF-8); expected a YAML mapping with ${kind.topKeys}`;
  }
  return `${kind.name} must be a mapping with ${kind.topKeys} at the top level, not ${describe(value)}`;
}
