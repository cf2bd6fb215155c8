import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../types.ts';
import { openStore } from '../store/db.ts';
import { EXPORT_FILES, configuredGroups, readCatalog, writeCatalog, type Catalog } from './export.ts';
import { buildView, isListedBy, type SiteView } from './view.ts';
import { renderSite } from './site.ts';
import { renderCalendar } from './calendar.ts';
import { mergeDuplicates } from './duplicates.ts';
import { writeFileAtomic } from '../fsutil.ts';

export interface BuildOptions {
  config: Config;
  dbPath: string;
  dataDir: string;
  outDir: string;
  now?: Date;
}

export interface BuildSummary {
  events: number;
  upcoming: number;
  groups: number;
  /** Where the events came from: the store, or the committed export when there is no store. */
  from: 'store' | 'export' | 'nothing';
}

/** Export the store to JSON, render the site, then write the calendar feeds into it. */
export async function build(options: BuildOptions): Promise<BuildSummary> {
  const now = options.now ?? new Date();
  const { catalog, from } = loadCatalog(options);
  if (from === 'store') writeCatalog(options.dataDir, catalog);

  const events = mergeDuplicates(catalog.events, options.config.duplicates);
  const view = buildView({ ...catalog, events }, options.config.site, now);
  await renderSite(view, options.outDir, (dir) => writeFeeds(dir, view, now));
  return { events: catalog.events.length, upcoming: view.upcomingCount, groups: catalog.groups.length, from };
}

/**
 * A missing store (a fresh clone) must not overwrite the committed export with nothing:
 * build from the export instead.
 */
function loadCatalog(options: BuildOptions): { catalog: Catalog; from: BuildSummary['from'] } {
  if (existsSync(options.dbPath)) {
    const db = openStore(options.dbPath);
    try {
      return { catalog: readCatalog(db, options.config), from: 'store' };
    } finally {
      db.close();
    }
  }
  const eventsFile = join(options.dataDir, EXPORT_FILES.events);
  if (existsSync(eventsFile)) {
    const read = (file: string) => JSON.parse(readFileSync(join(options.dataDir, file), 'utf8'));
    const exported: Catalog = {
      events: read(EXPORT_FILES.events),
      groups: read(EXPORT_FILES.groups),
      sources: read(EXPORT_FILES.sources),
    };
    return { catalog: withConfiguredGroups(exported, options.config), from: 'export' };
  }
  return { catalog: withConfiguredGroups({ events: [], groups: [], sources: [] }, options.config), from: 'nothing' };
}

/** Keep only what the config lists today; the export supplies what was learned about each group. */
function withConfiguredGroups(catalog: Catalog, config: Config): Catalog {
  const exported = new Map(catalog.groups.map((g) => [g.id, g]));
  const ids = new Set(config.groups.map((g) => g.id));
  return {
    events: catalog.events.filter((e) => ids.has(e.groupId)),
    sources: catalog.sources.filter((s) => ids.has(s.groupId)),
    groups: configuredGroups(config, (id) => {
      const group = exported.get(id);
      if (!group) return {};
      return {
        descriptionHtml: group.descriptionHtml ?? undefined,
        imageUrl: group.imageUrl ?? undefined,
        links: group.links,
      };
    }),
  };
}

function writeFeeds(dir: string, view: SiteView, now: Date): void {
  const siteUrl = view.site.url;
  const listed = view.events.filter((e) => !e.removed);
  writeFileAtomic(
    join(dir, 'calendar.ics'),
    renderCalendar(listed, { name: view.site.title, description: `Every event on ${view.site.title}`, siteUrl, now }),
  );
  for (const group of view.groups) {
    const own = listed.filter((e) => isListedBy(e, group.id));
    writeFileAtomic(
      join(dir, 'groups', group.id, 'calendar.ics'),
      renderCalendar(own, { name: `${group.name} (${view.site.title})`, siteUrl, now }),
    );
  }
  writeFileAtomic(join(dir, 'events.json'), `${JSON.stringify(publicEvents(view), null, 2)}\n`);
}

/** The machine-readable list served with the site: listed events, without internal fields. */
function publicEvents(view: SiteView) {
  return view.events
    .filter((e) => !e.removed)
    .map((e) => ({
      id: e.id,
      title: e.title,
      start: e.start,
      end: e.end,
      allDay: e.allDay,
      endEstimated: e.endEstimated,
      timezone: e.timezone,
      status: e.status,
      attendance: e.attendance,
      venue: e.venue,
      onlineUrl: e.onlineUrl,
      url: e.url,
      page: new URL(`events/${e.slug}/`, `${view.site.url}/`).href,
      group: { id: e.groupId, name: e.groupName },
      alsoListedOn: e.alsoListedOn,
      changes: e.changes,
      descriptionHtml: e.descriptionHtml,
      imageUrl: e.imageUrl,
      topics: e.topics,
      sequence: e.sequence,
      firstSeen: e.firstSeen,
      lastChanged: e.lastChanged,
    }));
}
