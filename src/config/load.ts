import type { Document } from 'yaml';
import { formatProblem, offsetOf, type ConfigProblem, type ProblemAt } from './positions.ts';
import { configSchema, type Config } from './schema.ts';
import { readYamlFile, type FileKind } from './yaml-file.ts';

// sources.yaml: read, checked against its schema, and checked for what a schema cannot say
// (two groups sharing an id). Every problem is found and reported at once.

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

const CONFIG_FILE: FileKind = { name: 'config', noun: 'config file', example: 'a sources.yaml', topKeys: 'site: and groups:' };

/** Thrown by readConfigOrThrow; its message already lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config file. User mistakes come back as problems, all of them at once. */
export function loadConfig(path: string): ConfigResult {
  const read = readYamlFile(path, configSchema, CONFIG_FILE, duplicateGroupIds);
  return read.ok ? { ok: true, config: read.data } : read;
}

/** For callers that cannot go on without a config (the CLI catches ConfigError and exits 2). */
export function readConfigOrThrow(path: string): Config {
  const result = loadConfig(path);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
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
