import type { Config } from '../config/schema.ts';
import { plainTextToHtml } from '../text/sanitize.ts';
import type { GroupDetails, StoredGroup } from '../types.ts';
import type { Db } from './db.ts';

// A group is what sources.yaml says about it, filled in with what its platform said (its photo,
// links, description). What the maintainer wrote always wins.

export function saveGroupDetails(db: Db, groupId: string, details: GroupDetails, now: Date): void {
  db.prepare('UPDATE groups SET details_json = ?, details_updated_at = ? WHERE id = ?').run(
    JSON.stringify(details),
    now.toISOString(),
    groupId,
  );
}

/** Every group the config lists, with what its platform said about it so far. */
export function readGroups(db: Db, config: Config): StoredGroup[] {
  const rowOf = db.prepare<[string], { details_json: string | null; details_updated_at: string | null }>(
    'SELECT details_json, details_updated_at FROM groups WHERE id = ?',
  );
  return config.groups.map((group) => {
    const row = rowOf.get(group.id);
    const learned = row?.details_json ? (JSON.parse(row.details_json) as GroupDetails) : null;
    return configuredGroup(group, learned, row?.details_updated_at ?? null);
  });
}

/**
 * The config decides which groups exist and what they are called; what the platform said about
 * a group fills in the rest.
 */
export function configuredGroup(group: Config['groups'][number], learned: GroupDetails | null, learnedAt: string | null): StoredGroup {
  return {
    id: group.id,
    name: group.name,
    homepage: group.homepage ?? learned?.links?.[0] ?? null,
    descriptionHtml: group.description ? plainTextToHtml(group.description) : (learned?.descriptionHtml ?? null),
    imageUrl: learned?.imageUrl ?? null,
    links: learned?.links ?? [],
    tags: group.tags,
    sources: group.sources.map((s) => ({ type: s.type, url: s.url })),
    learned,
    learnedAt,
  };
}
