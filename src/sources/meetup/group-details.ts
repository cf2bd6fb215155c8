import { describe } from '../../text/describe.ts';
import { plainText, safeHttpUrl } from '../../text/sanitize.ts';
import type { GroupDetails } from '../../types.ts';
import { photoUrl } from './event-node.ts';
import type { MeetupGroup } from './schemas.ts';

// What a Meetup group page says about the group.

// Meetup's GroupStatus values for a group that no longer meets; "ACTIVE" and "PAID" are live groups.
const INACTIVE_GROUP_STATUSES = new Set(['CLOSED', 'FROZEN', 'INACTIVE']);

export function meetupGroupDetails(group: MeetupGroup, pageUrl: string): GroupDetails {
  const status = group.status?.toUpperCase() ?? '';
  return {
    name: group.name === null ? undefined : plainText(group.name),
    descriptionHtml: group.description === null ? undefined : describe(group.description),
    imageUrl: photoUrl(group.keyGroupPhoto ?? group.groupPhoto) ?? undefined,
    links: groupLinks(group, pageUrl),
    timezone: group.timezone ?? undefined,
    active: INACTIVE_GROUP_STATUSES.has(status) ? false : undefined,
  };
}

/** The group page, then its website and social links; Meetup stores unset ones as "http://". */
function groupLinks(group: MeetupGroup, pageUrl: string): string[] {
  const links = [pageUrl, group.website, ...group.socialNetworks.map((network) => network.url)]
    .map((link) => safeHttpUrl(link))
    .filter((link): link is string => link !== null);
  return [...new Set(links)];
}
