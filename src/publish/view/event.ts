import type { ListedEvent, Listing } from '../../types.ts';
import { listingGroups } from '../../plan/index.ts';
import { safeHttpUrl } from '../../text/sanitize.ts';
import { htmlToPlainText } from '../../text/plain.ts';
import { absoluteUrl, eventIcsPath, eventPath, groupPath, safeSlug } from '../site-paths.ts';
import { changeNotes, type ChangeNotes } from './changes.ts';
import { faceOf, groupName, type ViewContext } from './context.ts';
import { eventTimes, hasEnded, type EventTimes } from './event-times.ts';
import type { GroupFace } from './face.ts';
import { addToCalendarLinks, platformName, type AddToCalendar } from './links.ts';
import { eventMeta, type PageMeta } from './page-meta.ts';
import { eventPlace, type EventPlace } from './place.ts';
import { reportEventUrl } from './repository.ts';
import { tagRefs, type TagRef } from './tag-refs.ts';

// One event as every page shows it (its own page, each list, the month grid, the feeds): the
// stored event, with what the pages say about it worked out once, grouped by what it is about.

/** An event as the pages show it: the listed event's own fields, and these. */
export interface EventView extends ListedEvent {
  /** The stored slug, made safe to name a folder. */
  slug: string;
  groupName: string;
  /** Its group's face, as on the group's page. */
  face: GroupFace;
  /** The other groups that list it, named, with where each lists it. */
  alsoListedOn: AlsoListedOn[];
  /** The group's tags (and those of groups that also list it). */
  tags: TagRef[];
  /** Listed by its source and not ended: on the upcoming lists, with its own .ics file. */
  upcoming: boolean;
  /** Upcoming, and began on an earlier day: shown as running "until …", never as starting. */
  ongoing: boolean;
  ended: boolean;
  when: EventTimes;
  where: EventPlace;
  links: EventLinks;
  changed: ChangeNotes;
  meta: PageMeta;
}

export interface AlsoListedOn extends Listing {
  groupName: string;
  groupPath: string;
  /** "Meetup", "Luma", or the host name of its page. */
  platform: string;
}

/** An event's `links`: paths on this site are root-relative, the rest absolute. */
export interface EventLinks {
  /** The event's page. */
  path: string;
  pageUrl: string;
  groupPath: string;
  /** Its own .ics file, for upcoming events. */
  ics: string | null;
  /** Its page at its source, where people sign up. */
  rsvp: { url: string; platform: string } | null;
  /** Web calendars' "add" forms, for upcoming events that are not cancelled. */
  addToCalendar: AddToCalendar | null;
  /** A new issue about it in the site's repository, filled in; null when sources.yaml names no repository. */
  report: string | null;
}


export function eventView(event: ListedEvent, context: ViewContext): EventView {
  const { zone, siteUrl } = context;
  const slug = safeSlug(event.slug, event.id);
  const path = eventPath(slug);
  const pageUrl = absoluteUrl(siteUrl, path);
  const ended = hasEnded(event, context.now, context.today);
  const upcoming = !event.removed && !ended;
  const when = eventTimes(event, zone, context.today);
  const where = eventPlace(event);
  // Usually what was stored already: the stored string is kept then, not a copy of it (a large
  // site holds every event's view in memory while it renders).
  const description = htmlToPlainText(event.descriptionHtml);
  const rsvpUrl = safeHttpUrl(event.url);
  const name = groupName(context, event.groupId);

  return {
    ...event,
    slug,
    imageUrl: safeHttpUrl(event.imageUrl),
    groupName: name,
    face: faceOf(context, event.groupId),
    alsoListedOn: event.alsoListedOn.map((listing) => ({
      ...listing,
      url: safeHttpUrl(listing.url),
      groupName: groupName(context, listing.groupId),
      groupPath: groupPath(listing.groupId),
      platform: platformName(listing.url),
    })),
    tags: tagRefs(listingGroups(event).flatMap((id) => context.groups.get(id)?.tags ?? []), context.tags),
    upcoming,
    ongoing: upcoming && when.day < context.today,
    ended,
    when,
    where,
    links: {
      path,
      pageUrl,
      groupPath: groupPath(event.groupId),
      ics: upcoming ? eventIcsPath(slug) : null,
      rsvp: rsvpUrl ? { url: rsvpUrl, platform: platformName(rsvpUrl) } : null,
      addToCalendar: upcoming && event.status !== 'cancelled' ? addToCalendarLinks(event, pageUrl, description) : null,
      report: context.repository ? reportEventUrl(context.repository, event.title, pageUrl) : null,
    },
    changed: changeNotes(event.changes, context.now, zone),
    meta: eventMeta(
      {
        event,
        group: context.groups.get(event.groupId),
        groupName: name,
        pageUrl,
        groupPageUrl: absoluteUrl(siteUrl, groupPath(event.groupId)),
        zone,
        description,
      },
      when,
      where.placeLabel,
    ),
  };
}
