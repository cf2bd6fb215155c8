import pLimit, { type LimitFunction } from 'p-limit';
import { join } from 'node:path';
import type { SourceType } from '../types.ts';
import type { Config } from '../config/schema.ts';
import type { AdapterResult } from '../sources/adapter.ts';
import type { FetchOutcome } from '../store/runs.ts';
import {
  NotModified,
  resolvePoliteness,
  type HttpClient,
  type HttpResponse,
  type HttpSession,
  type SessionOptions,
} from '../http/client.ts';
import { writeFileAtomic } from '../fsutil.ts';
import { HostUnreachable, SourceFailure, type FailureKind } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { applyEvents, syncConfig, type StoredSource } from '../store/events.ts';
import { saveGroupDetails } from '../store/groups.ts';
import { countDrop } from '../store/health.ts';
import { finishRun, lastSuccessfulCounts, recordFetch, startRun } from '../store/runs.ts';
import { saveValidators, validatorStore } from '../store/validators.ts';
import { adapterFor } from '../sources/registry.ts';

export interface SourceReport {
  groupId: string;
  type: SourceType;
  url: string;
  outcome: FetchOutcome;
  found: number;
  new: number;
  changed: number;
  missing: number;
  durationMs: number;
  /** HTTP requests the source took, and the bytes they brought (after decompression). */
  requests: number;
  bytes: number;
  errorKind: FailureKind | null;
  message: string | null;
  /** Set when the source looks broken although it answered: its upcoming events fell by half or more. */
  countDrop: string | null;
  /** Set when the source failed because its host could not be reached at all. */
  unreachable: { host: string; reason: string } | null;
  warnings: string[];
}

/** What the engine needs of the HTTP client: one session per source, with its own deadline and validators. */
export interface SessionClient {
  session(options: SessionOptions): HttpSession;
}

export interface FetchRunOptions {
  db: Db;
  config: Config;
  http: SessionClient;
  /** Only these group ids; all groups when empty. */
  only?: string[];
  /** Sources fetched at once, all hosts together (unbounded by default: hosts' own limits apply). */
  concurrency?: number;
  now?: () => Date;
  /** Where to keep the response that broke an adapter, as `<group-id>--<type>.txt`. */
  failuresDir?: string;
  /** Called as sources start and finish, for a live progress line. */
  onProgress?: (progress: FetchProgress) => void;
}

export interface FetchProgress {
  done: number;
  total: number;
  failed: number;
  /** Hosts with a source being fetched right now. */
  activeHosts: string[];
}

const DEFAULT_DEADLINE_SECONDS = 300;

/**
 * Fetch every source and write what each returned, one transaction per source. A source that
 * fails leaves everything stored from it untouched; its failure is recorded with the reason.
 * A source whose main document did not change is neither parsed nor written.
 */
export async function fetchAll(options: FetchRunOptions): Promise<SourceReport[]> {
  const { db, config, http } = options;
  const clock = options.now ?? (() => new Date());
  const only = new Set(options.only ?? []);
  const sources = syncConfig(db, config).filter((s) => only.size === 0 || only.has(s.groupId));
  const runId = startRun(db, clock());
  const politeness = resolvePoliteness(config.fetch);
  // A source mostly talks to its own host: start no more sources on a host than it has slots,
  // so a source's deadline is not spent queueing behind its neighbours.
  const hostLimits = new Map<string, LimitFunction>();
  const hostLimit = (host: string) => {
    if (!hostLimits.has(host)) hostLimits.set(host, pLimit((politeness.hosts[host] ?? politeness.hosts.default).concurrency));
    return hostLimits.get(host)!;
  };
  // The HTTP client keeps the global request limit; this one only caps sources in flight when asked.
  const globalLimit = pLimit(options.concurrency ?? Number.POSITIVE_INFINITY);
  const context: SourceContext = {
    config,
    http,
    clock,
    failuresDir: options.failuresDir,
    deadlineMs: (config.fetch.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS) * 1000,
  };

  const progress = trackProgress(sources.length, options.onProgress);
  const reports = await Promise.all(
    sources.map((source) => {
      const host = new URL(source.url).host;
      return hostLimit(host)(() =>
        globalLimit(async () => {
          progress.started(host);
          const report = await fetchSource(db, runId, source, context);
          progress.finished(host, report.outcome === 'failed');
          return report;
        }),
      );
    }),
  );
  finishRun(db, runId, clock());
  return reports;
}

interface SourceContext {
  config: Config;
  http: SessionClient;
  clock: () => Date;
  failuresDir: string | undefined;
  deadlineMs: number;
}

async function fetchSource(db: Db, runId: number, source: StoredSource, context: SourceContext): Promise<SourceReport> {
  const { config, clock } = context;
  const started = performance.now();
  const base = { groupId: source.groupId, type: source.type, url: source.url };
  const now = clock();
  const session = context.http.session({ deadlineMs: context.deadlineMs, validators: validatorStore(db, source.id) });
  const recorder = recordLastResponse(session);
  const traffic = () => {
    const stats = session.stats();
    return { requests: stats.requests, bytes: stats.bytesReceived };
  };

  let result: AdapterResult;
  try {
    const adapter = await adapterFor(source.type);
    result = await adapter(source.config, { http: recorder.http, site: config.site, now });
  } catch (error) {
    const durationMs = performance.now() - started;
    if (error instanceof NotModified) {
      // Nothing to parse or write. The source lists what it listed last time, so its counts carry
      // over: health sees no drop, and the table does not read "found 0".
      const last = lastSuccessfulCounts(db, source.id);
      const record = { durationMs, ...traffic(), found: last?.found ?? 0, upcoming: last?.upcoming ?? null };
      recordFetch(db, runId, source.id, { outcome: 'not_modified', ...record }, clock());
      return { ...base, outcome: 'not_modified', ...NOTHING_APPLIED, ...record, errorKind: null, message: null, countDrop: null, unreachable: null, warnings: [] };
    }
    const failure = asFailure(error);
    if (context.failuresDir && ADAPTER_BROKE.has(failure.kind) && recorder.last) {
      writeFileAtomic(join(context.failuresDir, `${source.groupId}--${source.type}.txt`), withoutSecrets(recorder.last.body));
    }
    const record = { errorKind: failure.kind, httpStatus: failure.httpStatus, message: failure.message, durationMs, ...traffic() };
    recordFetch(db, runId, source.id, { outcome: 'failed', ...record }, clock());
    const unreachable = failure instanceof HostUnreachable ? { host: failure.host, reason: failure.reason } : null;
    return { ...base, outcome: 'failed', ...NOTHING_APPLIED, ...record, countDrop: null, unreachable, warnings: [] };
  }

  // Store errors (disk full, a locked file) are not the source's fault: they end the run.
  const durationMs = performance.now() - started;
  const warnings = result.warnings ?? [];
  const { counts, drop } = db.transaction(() => {
    const previousUpcoming = lastSuccessfulCounts(db, source.id)?.upcoming ?? null;
    const applied = applyEvents(db, source, result.events, { now, timezone: config.site.timezone });
    const drop = countDrop(previousUpcoming, applied.upcoming);
    if (result.group) saveGroupDetails(db, source.groupId, result.group, now);
    // Validators only now, with the events: a fetch that failed to store must be parsed again.
    saveValidators(db, source.id, session.pendingValidators());
    // The run log keeps an ok source's warnings (an event page that could not be read, …).
    const message = warnings.length ? warnings.join('\n') : null;
    recordFetch(db, runId, source.id, { outcome: 'ok', ...applied, countDrop: drop, message, durationMs, ...traffic() }, clock());
    return { counts: applied, drop };
  })();
  return { ...base, outcome: 'ok', ...counts, durationMs, ...traffic(), errorKind: null, message: null, countDrop: drop, unreachable: null, warnings };
}

function trackProgress(total: number, report: FetchRunOptions['onProgress']) {
  const active = new Map<string, number>();
  let done = 0;
  let failed = 0;
  const emit = () => report?.({ done, total, failed, activeHosts: [...active.keys()] });
  return {
    started(host: string) {
      active.set(host, (active.get(host) ?? 0) + 1);
      emit();
    },
    finished(host: string, hasFailed: boolean) {
      const left = (active.get(host) ?? 1) - 1;
      if (left === 0) active.delete(host);
      else active.set(host, left);
      done += 1;
      if (hasFailed) failed += 1;
      emit();
    },
  };
}

const NOTHING_APPLIED = { found: 0, new: 0, changed: 0, missing: 0 } as const;


/** Failures where the answer came but the adapter could not read it: worth a fixture. */
const ADAPTER_BROKE = new Set<FailureKind>(['parse', 'unexpected_content']);

/** The source's HTTP client, remembering the last response, so a maintainer can see what broke an adapter. */
function recordLastResponse(http: HttpClient): { http: HttpClient; last: HttpResponse | null } {
  const recorder: { http: HttpClient; last: HttpResponse | null } = {
    last: null,
    http: {
      async get(url, options) {
        const response = await http.get(url, options);
        recorder.last = response;
        return response;
      },
    },
  };
  return recorder;
}

/** Environment values that must never reach a file a maintainer may publish (the alarm links it). */
const SECRET_VARIABLES = ['EVENTBRITE_TOKEN', 'GITHUB_TOKEN'];

function withoutSecrets(body: Buffer): Buffer {
  let text = body.toString('latin1');
  for (const name of SECRET_VARIABLES) {
    const secret = process.env[name]?.trim();
    if (secret && secret.length >= 8) text = text.split(Buffer.from(secret).toString('latin1')).join('[redacted]');
  }
  return Buffer.from(text, 'latin1');
}

/** Adapters throw SourceFailure; anything else is a bug in an adapter, still confined to its source. */
function asFailure(error: unknown): SourceFailure {
  if (error instanceof SourceFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SourceFailure('parse', `the adapter could not read this source: ${message}`);
}
