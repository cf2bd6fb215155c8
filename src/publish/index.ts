import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type { Config } from '../config/schema.ts';
import { openStore } from '../store/db.ts';
import { keepPublishedUids } from '../store/identity.ts';
import { emptySnapshot, readSnapshot, writeSnapshot, type Snapshot } from '../store/snapshot.ts';
import { restoreIfMissing } from '../store/restore.ts';
import { buildView, type SiteView } from './view/index.ts';
import { renderSite, serveSite } from './render.ts';
import { writeFeedsAndData } from './feeds.ts';
import { listedEvents } from './listed-events.ts';
import type { Correction } from '../config/corrections-schema.ts';
import { timed } from './timings.ts';

export interface BuildOptions {
  config: Config;
  dbPath: string;
  dataDir: string;
  outDir: string;
  now?: Date;
  /** Serve the site on this localhost port and render it again when a template changes. */
  servePort?: number;
}

export interface BuildSummary {
  events: number;
  upcoming: number;
  groups: number;
  /** Where the events came from: the store, or its committed snapshot when there is no store. */
  from: 'store' | 'snapshot' | 'nothing';
  /** When serving: the site's address on localhost. */
  servedAt?: string;
  /** Corrections in sources.yaml that named no event. */
  staleCorrections: Correction[];
}

/** Write the store's snapshot, render the site, then write the calendar feeds and public JSON into it. */
export async function build(options: BuildOptions): Promise<BuildSummary> {
  keepHeapNearLiveSize();
  const now = options.now ?? new Date();
  const { view, summary } = prepare(options, now);
  const writeExtras = (dir: string) => writeFeedsAndData(dir, view, now);
  if (options.servePort === undefined) {
    await renderSite(view, options.outDir, writeExtras);
    return summary;
  }
  await serveSite(view, options.outDir, writeExtras, options.servePort);
  return { ...summary, servedAt: `http://localhost:${options.servePort}${view.site.pathPrefix}` };
}

/** The snapshot written and the view built; the snapshot itself is not kept while the site renders. */
function prepare(options: BuildOptions, now: Date): { view: SiteView; summary: BuildSummary } {
  const { snapshot, from } = timed('load', () => loadSnapshot(options));
  if (from === 'store') timed('export', () => writeSnapshot(options.dataDir, snapshot));

  let stale: Correction[] = [];
  const view = timed('view', () => {
    const corrected = listedEvents(snapshot.events, options.config);
    stale = corrected.stale;
    return buildView({ ...snapshot, events: corrected.events }, options.config.site, now);
  });
  return { view, summary: { events: snapshot.events.length, upcoming: view.upcomingCount, groups: snapshot.groups.length, from, staleCorrections: stale } };
}

/**
 * A build holds every event's view while Eleventy renders, and makes garbage fast. Left alone,
 * V8 lets the heap grow to two or three times what is live before collecting it (a 20,000-event
 * build peaked at 1.09 GB resident); growing it by half at most keeps it near what is live
 * (0.82 GB) at no measurable cost in time (44.0 s against 43.6 s).
 */
function keepHeapNearLiveSize(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

/**
 * A missing store (a fresh clone, an evicted CI cache) is first rebuilt from the committed
 * export, so the site keeps its history and the export is never overwritten with less.
 */
function loadSnapshot(options: BuildOptions): { snapshot: Snapshot; from: BuildSummary['from'] } {
  const restored = restoreIfMissing(options.dbPath, options.dataDir);
  if (!existsSync(options.dbPath)) return { snapshot: emptySnapshot(options.config), from: 'nothing' };
  const db = openStore(options.dbPath);
  try {
    keepPublishedUids(db, options.config.site.url);
    return { snapshot: readSnapshot(db, options.config), from: restored ? 'snapshot' : 'store' };
  } finally {
    db.close();
  }
}
