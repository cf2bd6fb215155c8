import type { Announcement } from '../announcement.ts';
import type { Channel } from '../../store/announcements.ts';

// What every channel does with an announcement: post it, or show exactly what it would post.

export interface Posted {
  /** The post's id on the platform, when it gave one. */
  remoteId: string | null;
  /** The platform already had it (a repeat it refused): recorded as posted all the same. */
  alreadyThere: boolean;
}

export interface ChannelSender {
  channel: Channel;
  /** Post it; throws a PostFailure saying why it could not. */
  post(announcement: Announcement): Promise<Posted>;
  /** The request it would send, as text, secrets left out. */
  preview(announcement: Announcement): string;
}

/** Why a post failed, in words safe to print (never a secret). `stopChannel`: later posts would fail the same way. */
export class PostFailure extends Error {
  constructor(
    message: string,
    readonly stopChannel: boolean,
  ) {
    super(message);
    this.name = 'PostFailure';
  }
}

/** An answer's JSON object, or an empty one for a body that is not one (a proxy's error page). */
export function jsonOf(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The platform's refusal in a few words: its JSON `error` and `message`, else the start of its body. */
export function refusal(status: number, body: string): string {
  const json = jsonOf(body);
  const said = [json.error, json.message ?? json.error_description].filter((part): part is string => typeof part === 'string');
  const reason = said.length ? said.join(': ') : body.trim().slice(0, 200);
  return `HTTP ${status}${reason ? `: ${reason}` : ''}`;
}

/** A refusal that the next post would meet too: bad credentials, a missing permission, "slow down". */
export function stopsChannel(status: number): boolean {
  return status === 401 || status === 403 || status === 429;
}
