import type { StoredGroup } from '../../types.ts';
import type { SiteConfig } from '../../config/schema.ts';
import { localDay } from '../../time.ts';
import { groupFace, wordsOf, type GroupFace } from './face.ts';
import { repositoryLinks, type RepositoryLinks } from './repository.ts';
import { tagRefs, type TagRef } from './tag-refs.ts';

/** What every part of the view is built against: the site, the moment of the build, the groups and their tags. */
export interface ViewContext {
  /** The site's time zone: every date and time the pages show is in it. */
  zone: string;
  /** The site's URL without a trailing slash. */
  siteUrl: string;
  now: Date;
  /** The local day of `now`, `YYYY-MM-DD`. */
  today: string;
  groups: Map<string, StoredGroup>;
  /** Every group's tags, by slug, named as first written. */
  tags: Map<string, TagRef>;
  /** Every group's face, by id: one object per group, shared by all its events. */
  faces: Map<string, GroupFace>;
  /** The site's repository, when sources.yaml names one. */
  repository: RepositoryLinks | null;
}

export function viewContext(groups: StoredGroup[], site: SiteConfig, now: Date): ViewContext {
  const commonWords = wordsOf(site.title);
  return {
    zone: site.timezone,
    siteUrl: site.url.replace(/\/+$/, ''),
    now,
    today: localDay(now.toISOString(), site.timezone),
    groups: new Map(groups.map((g) => [g.id, g])),
    tags: new Map(tagRefs(groups.flatMap((g) => g.tags)).map((t) => [t.slug, t])),
    faces: new Map(groups.map((g) => [g.id, groupFace(g, commonWords)])),
    repository: repositoryLinks(site.repository),
  };
}

/** A group's name; its id when sources.yaml no longer has it (an event or a source kept from before). */
export function groupName(context: ViewContext, groupId: string): string {
  return context.groups.get(groupId)?.name ?? groupId;
}

/** A group's face; one made from its id when sources.yaml no longer has it. */
export function faceOf(context: ViewContext, groupId: string): GroupFace {
  let face = context.faces.get(groupId);
  if (!face) {
    face = groupFace({ id: groupId, name: groupId, imageUrl: null }, new Set());
    context.faces.set(groupId, face);
  }
  return face;
}
