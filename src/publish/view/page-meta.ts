import type { StoredGroup } from '../../types.ts';
import { safeHttpUrl } from '../../text/sanitize.ts';
import { htmlToPlainText, truncateText } from '../../text/plain.ts';
import { plainDateLabel } from './date-labels.ts';
import type { EventTimes } from './event-times.ts';
import { eventJsonLd, jsonForScript, type JsonLdInput } from './structured-data.ts';
import type { TagRef } from './tag-refs.ts';

// What the layout puts in <head> for the pages made from the view (events, groups, tags): the
// other pages set their title and description in their own front matter.

export interface PageMeta {
  title: string;
  description: string;
  /** For social cards: the event's image, else its group's; null: the site's own (the layout's default). */
  image: string | null;
  /** A wide card for a cover image (the event's, or the site's own); a small one beside a group's logo. */
  twitterCard: 'summary' | 'summary_large_image';
  /** Pages kept for old links but not worth indexing (an event its source no longer lists). */
  noindex: boolean;
  /** schema.org JSON-LD, already escaped for a <script> element. */
  jsonLd: string | null;
  /** `YYYY-MM-DD`, for the sitemap. */
  lastmod: string | null;
}

/** Search engines show about this many characters of a description. */
const DESCRIPTION_MAX = 200;

const PLAIN: Omit<PageMeta, 'title' | 'description'> = { image: null, twitterCard: 'summary_large_image', noindex: false, jsonLd: null, lastmod: null };

/** The social card of a page whose own picture is `cover` (wide) or else `logo` (a group's, often square). */
function socialImage(cover: string | null, logo: string | null): Pick<PageMeta, 'image' | 'twitterCard'> {
  if (cover) return { image: cover, twitterCard: 'summary_large_image' };
  if (logo) return { image: logo, twitterCard: 'summary' };
  return { image: null, twitterCard: 'summary_large_image' };
}

/** An event page: its title and date, then when, where and what in one description. */
export function eventMeta(page: JsonLdInput, when: Pick<EventTimes, 'day' | 'dateTimeLabel'>, placeLabel: string): PageMeta {
  const { event, group, description } = page;
  return {
    title: `${event.title} – ${plainDateLabel(when.day)}`,
    description: truncateText(
      [`${when.dateTimeLabel}. ${placeLabel}.`, event.status === 'cancelled' ? 'Cancelled.' : '', description].filter(Boolean).join(' '),
      DESCRIPTION_MAX,
    ),
    ...socialImage(safeHttpUrl(event.imageUrl), safeHttpUrl(group?.imageUrl)),
    noindex: event.removed,
    jsonLd: jsonForScript(eventJsonLd(page)),
    lastmod: event.lastChanged.slice(0, 10),
  };
}

/** A group page: described by the group's own description, when it has one. */
export function groupMeta(group: StoredGroup): PageMeta {
  const description = htmlToPlainText(group.descriptionHtml);
  return {
    ...PLAIN,
    title: group.name,
    description: truncateText(description || `${group.name}: upcoming and past events, and a calendar feed to subscribe to.`, DESCRIPTION_MAX),
    ...socialImage(null, safeHttpUrl(group.imageUrl)),
  };
}

export function tagMeta(tag: TagRef): PageMeta {
  return {
    ...PLAIN,
    title: `Events tagged ${tag.name}`,
    description: `Upcoming ${tag.name} events, and a calendar feed of every ${tag.name} event to subscribe to.`,
  };
}

/** A plan page: every group's, or a tag's; `range`, the nights of a page after the first. */
export function planMeta(tag: TagRef | null, days: number, range: string | null): PageMeta {
  return {
    ...PLAIN,
    title: `${tag ? `Plan: the next ${days} nights of ${tag.name}` : `Plan: the next ${days} nights`}${range ? `, ${range}` : ''}`,
    description: `The next ${days} nights${tag ? ` of ${tag.name} groups` : ''}: what is listed, which groups usually meet, the clashes, and the free nights to pick a date on.`,
  };
}
