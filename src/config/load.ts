import { formatProblem, type ConfigProblem } from './positions.ts';
import { uniqueIds } from './unique-ids.ts';
import { dirname, join } from 'node:path';
import { loadManualEvents } from './manual-events.ts';
import { configSchema, type Config, type ConfigFile, type SourceConfig } from './schema.ts';
import { readYamlFile, type FileKind } from './yaml-file.ts';

// sources.yaml: read, checked against its schema, and checked for what a schema cannot say
// (two groups sharing an id); then every manual source's events file, checked the same way.
// Every problem is found and reported at once.

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

export const CONFIG_FILE: FileKind = { name: 'config', noun: 'config file', example: 'a sources.yaml', topKeys: 'site: and groups:' };

/** Thrown by readConfigOrThrow; its message already lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config file. User mistakes come back as problems, all of them at once. */
export function loadConfig(path: string): ConfigResult {
  const read = readYamlFile(path, configSchema, CONFIG_FILE, uniqueIds('groups', 'group'));
  return read.ok ? withManualEvents(read.data, dirname(path)) : read;
}

/** The config with each manual source's events, read from its file (a path relative to sources.yaml). */
function withManualEvents(file: ConfigFile, dir: string): ConfigResult {
  const problems: ConfigProblem[] = [];
  const groups = file.groups.map((group) => ({
    ...group,
    sources: group.sources.map((source): SourceConfig => {
      if (source.type !== 'manual') return source;
      const loaded = loadManualEvents(join(dir, source.path), file.site.timezone);
      if (!loaded.ok) problems.push(...loaded.problems);
      return { ...source, events: loaded.ok ? loaded.events : [] };
    }),
  }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: { ...file, groups } };
}

/** For callers that cannot go on without a config (the CLI catches ConfigError and exits 2). */
export function readConfigOrThrow(path: string): Config {
  const result = loadConfig(path);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}
