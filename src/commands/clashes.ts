import { appendFileSync, existsSync } from 'node:fs';
import type { Config } from '../config/schema.ts';
import { planAhead } from '../plan/index.ts';
import { clashesJson, clashesMarkdown, clashesTable, clashReport } from '../plan/report.ts';
import { listedEvents } from '../publish/listed-events.ts';
import { absoluteUrl, eventPagePath } from '../publish/site-paths.ts';
import { zoneGenericName } from '../publish/view/date-labels.ts';
import { tagRefs, tagSlug } from '../publish/view/tag-refs.ts';
import { openStore } from '../store/db.ts';
import { restoreIfMissing } from '../store/restore.ts';
import { readSnapshot } from '../store/snapshot.ts';
import type { ListedEvent, StoredGroup } from '../types.ts';
import { EXIT, readConfig, type ExitCode } from './shared.ts';

export interface ClashesOptions {
  config: string;
  db: string;
  data: string;
  days: number;
  json?: boolean;
}

/**
 * `spokane-tech clashes`: the coming clashes between groups of a tag, as the plan page shows
 * them. A report: it exits 0 whether or not there are any.
 */
export default function clashes(options: ClashesOptions): ExitCode {
  const config = readConfig(options.config);
  const now = new Date();
  // On stderr: stdout may be the JSON.
  if (restoreIfMissing(options.db, options.data)) console.error(`restored ${options.db} from the snapshot in ${options.data}`);
  const { events, groups } = existsSync(options.db) ? readListed(options.db, config) : { events: [], groups: [] };

  const zone = config.site.timezone;
  const tagNames = new Map(tagRefs(groups.flatMap((g) => g.tags)).map((ref) => [ref.slug, ref.name]));
  const plan = planAhead({ events, groups: groups.map((g) => ({ id: g.id, tags: g.tags.map(tagSlug) })), zone, now, days: options.days });
  const report = clashReport(plan, options.days, {
    zone,
    group: (id) => groups.find((g) => g.id === id)?.name ?? id,
    tag: (key) => tagNames.get(key) ?? key,
    page: ({ event }) => absoluteUrl(config.site.url, eventPagePath(event)),
  });

  const zoneLabel = zoneGenericName(zone, now);
  console.log(options.json ? clashesJson(report) : clashesTable(report, zoneLabel));
  // Shown on the run's summary page on GitHub Actions.
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, clashesMarkdown(report, zoneLabel));
  return EXIT.ok;
}

/** The events as the site lists them: one per event whatever number of sources list it, corrections applied. */
function readListed(dbPath: string, config: Config): { events: ListedEvent[]; groups: StoredGroup[] } {
  const db = openStore(dbPath);
  try {
    const snapshot = readSnapshot(db, config);
    return { events: listedEvents(snapshot.events, config).events, groups: snapshot.groups };
  } finally {
    db.close();
  }
}
