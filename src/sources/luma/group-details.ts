import { describe } from '../../text/describe.ts';
import { safeHttpUrl } from '../../text/sanitize.ts';
import { ianaZone } from '../../time-reading.ts';
import type { GroupDetails } from '../../types.ts';
import { lumaPageUrl } from './urls.ts';
import type { LumaCalendar } from './schemas.ts';

// What a Luma calendar says about its group.

const SOCIAL_LINKS: [keyof LumaCalendar, (handle: string) => string][] = [
  ['twitter_handle', (handle) => `https://x.com/${handle}`],
  ['instagram_handle', (handle) => `https://www.instagram.com/${handle}`],
  // Luma keeps LinkedIn as a path (`/company/…`, `/in/…`).
  ['linkedin_handle', (handle) => `https://www.linkedin.com${handle.startsWith('/') ? handle : `/in/${handle}`}`],
  ['youtube_handle', (handle) => `https://www.youtube.com/${handle.includes('/') ? handle : `@${handle}`}`],
  ['tiktok_handle', (handle) => `https://www.tiktok.com/@${handle}`],
];

// Luma gives every calendar without its own pictures one of a few stock ones.
const STOCK_IMAGE = /\/(?:avatars-default|calendar-defaults)\//;

export function lumaGroupDetails(feedName: string | null, calendar: LumaCalendar | null, pageUrl: string | null): GroupDetails {
  const description = calendar?.description_short?.trim();
  const links = [pageUrl ?? calendarPageUrl(calendar), websiteUrl(calendar?.website), ...socialLinks(calendar)];
  const images = [calendar?.avatar_url, calendar?.cover_image_url].map((url) => safeHttpUrl(url));
  return {
    name: feedName ?? calendar?.name ?? undefined,
    descriptionHtml: description ? describe(description) : undefined,
    imageUrl: images.find((url) => url !== null && !STOCK_IMAGE.test(url)) ?? undefined,
    links: [...new Set(links.filter((link): link is string => link !== null))],
    timezone: ianaZone(calendar?.timezone) ?? undefined,
  };
}

function calendarPageUrl(calendar: LumaCalendar | null): string | null {
  return calendar?.slug ? lumaPageUrl(calendar.slug) : null;
}

function websiteUrl(website: string | null | undefined): string | null {
  if (!website?.trim()) return null;
  return safeHttpUrl(/^https?:\/\//i.test(website.trim()) ? website : `https://${website.trim()}`);
}

function socialLinks(calendar: LumaCalendar | null): string[] {
  return SOCIAL_LINKS.flatMap(([key, link]) => {
    const handle = calendar?.[key]?.trim().replace(/^@/, '');
    return handle ? [link(handle)] : [];
  });
}
