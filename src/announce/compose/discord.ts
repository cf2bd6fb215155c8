import type { WeekDigest } from '../../publish/week-digest.ts';
import type { Announcement, AnnouncedEvent } from '../announcement.ts';
import { digestBody, digestHeading, headline, moreLine } from './lines.ts';
import { cutCodePoints } from './text.ts';

// A message for a Discord incoming webhook (POST <webhook>?wait=true): an embed per event, with
// the start as a Discord timestamp that each reader sees in their own zone, and the digest as
// one message. Titles come from strangers: Discord's markdown in them is escaped, and no
// mention in them may ping anyone.

export interface DiscordMessage {
  content: string;
  username?: string;
  avatar_url?: string;
  allowed_mentions: { parse: never[] };
  embeds: DiscordEmbed[];
}

interface DiscordEmbed {
  title: string;
  url: string;
  description?: string;
  color: number;
  timestamp?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

// Discord's own limits.
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;
const FIELD_VALUE_MAX = 1024;

const COLOURS = { new: 0x2f6fdb, changed: 0xd97706, cancelled: 0xb91c1c, digest: 0x2f6fdb } as const;

export interface DiscordIdentity {
  username?: string;
  avatarUrl?: string;
}

export function discordMessage(announcement: Announcement, siteTitle: string, identity: DiscordIdentity = {}): DiscordMessage {
  const base = {
    ...(identity.username ? { username: identity.username } : {}),
    ...(identity.avatarUrl ? { avatar_url: identity.avatarUrl } : {}),
    allowed_mentions: { parse: [] as never[] },
  };
  if (announcement.kind === 'digest') return { ...base, content: '', embeds: [digestEmbed(announcement.digest, siteTitle)] };
  const { event } = announcement;
  const fields = [
    { name: 'When', value: when(event), inline: false },
    { name: 'Where', value: escaped(event.place, FIELD_VALUE_MAX), inline: true },
    { name: 'Group', value: escaped(event.groupName, FIELD_VALUE_MAX), inline: true },
    ...(announcement.kind === 'changed' ? [{ name: 'Was', value: escaped(announcement.was, FIELD_VALUE_MAX), inline: false }] : []),
  ];
  return {
    ...base,
    content: `**${headline(announcement)}** on ${escaped(siteTitle, 200)}`,
    embeds: [
      {
        title: escaped(event.title, TITLE_MAX),
        url: event.pageUrl,
        color: COLOURS[announcement.kind],
        timestamp: event.startsAt,
        fields,
        footer: { text: cutCodePoints(siteTitle, 200) },
      },
    ],
  };
}

/** `<t:…:F>` is shown in each reader's own zone and language; `<t:…:R>` as "in 3 days". */
function when(event: AnnouncedEvent): string {
  const seconds = Math.floor(Date.parse(event.startsAt) / 1000);
  return event.allDay ? `<t:${seconds}:D> (all day)` : `<t:${seconds}:F> (<t:${seconds}:R>)`;
}

function digestEmbed(digest: WeekDigest, siteTitle: string): DiscordEmbed {
  const { lines, left } = digestBody(
    digest,
    (label) => `\n**${escaped(label, 100)}**`,
    (event) => `\`${event.time}\` ${event.status === 'cancelled' ? '~~' : ''}[${escaped(event.title, 100)}](${event.pageUrl})${event.status === 'cancelled' ? '~~' : ''} · ${escaped(event.groupName, 80)}`,
    (candidate) => [...candidate].join('\n').length <= DESCRIPTION_MAX - 100,
  );
  return {
    title: cutCodePoints(digestHeading(digest, siteTitle), TITLE_MAX),
    url: digest.pageUrl,
    description: [...lines, ...(left > 0 ? [`\n[${moreLine(left)}](${digest.pageUrl})`] : [])].join('\n').trim(),
    color: COLOURS.digest,
  };
}

const MARKDOWN = /[\\*_~`|>#[\]()<@-]/;

/** Discord's markdown characters escaped, then cut to at most `max` characters without splitting an escape. */
function escaped(text: string, max: number): string {
  const parts = [...text].map((char) => (MARKDOWN.test(char) ? `\\${char}` : char));
  if (parts.join('').length <= max) return parts.join('');
  let out = '';
  for (const part of parts) {
    if (out.length + part.length > max - 1) break;
    out += part;
  }
  return `${out.trimEnd()}…`;
}
