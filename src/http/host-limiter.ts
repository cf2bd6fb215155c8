import pLimit, { type LimitFunction } from 'p-limit';
import { abortableSleep, monotonicNow as now } from './deadline.ts';

export interface HostPolicy {
  /** Requests in flight to this host at once. */
  concurrency: number;
  /**
   * Least time between two requests started on one of the host's `concurrency` slots: at most
   * `concurrency` requests start in any such interval. With one slot (Meetup), every request
   * starts this long after the one before.
   */
  minIntervalMs: number;
}

export interface Politeness {
  /** Requests in flight at once, all hosts together. */
  concurrency: number;
  /** Keyed by `url.host` (host:port); `default` applies to every host not listed. */
  hosts: { default: HostPolicy } & Record<string, HostPolicy>;
}

export interface PolitenessOptions {
  concurrency?: number;
  hosts?: Record<string, Partial<HostPolicy>>;
}

/** Meetup sits behind Cloudflare, which challenges clients that come often: one at a time, 2 s apart. */
export const DEFAULT_POLITENESS: Politeness = {
  concurrency: 8,
  hosts: {
    default: { concurrency: 2, minIntervalMs: 250 },
    'www.meetup.com': { concurrency: 1, minIntervalMs: 2000 },
  },
};

/**
 * A host's settings fill in from our built-in ones for it, then from the default host's, so
 * `{ 'www.meetup.com': { minIntervalMs: 5000 } }` alone keeps Meetup at one request at a time.
 */
export function resolvePoliteness(options: PolitenessOptions = {}): Politeness {
  const given = options.hosts ?? {};
  const builtIn: Record<string, Partial<HostPolicy>> = DEFAULT_POLITENESS.hosts;
  const fallback = { ...DEFAULT_POLITENESS.hosts.default, ...given.default };
  const hosts: Politeness['hosts'] = { default: fallback };
  for (const host of new Set([...Object.keys(builtIn), ...Object.keys(given)])) {
    if (host !== 'default') hosts[host] = { ...fallback, ...builtIn[host], ...given[host] };
  }
  return { concurrency: options.concurrency ?? DEFAULT_POLITENESS.concurrency, hosts };
}

interface Lane {
  limit: LimitFunction;
  intervalMs: number;
  /** Per slot, the start time of the last request it was given. */
  slots: number[];
  /** A host that sent Retry-After gets nothing before then. */
  holdUntil: number;
}

/**
 * Decides when a request may start. Per host first, then globally: a request waiting for a busy
 * host must not hold one of the global slots other hosts could use.
 */
export class HostLimiter {
  readonly #politeness: Politeness;
  readonly #global: LimitFunction;
  readonly #lanes = new Map<string, Lane>();

  constructor(politeness: Politeness) {
    this.#politeness = politeness;
    this.#global = pLimit(politeness.concurrency);
  }

  /** Runs `task` once the host and the client have a free slot and the host's interval has passed. */
  schedule<T>(host: string, signal: AbortSignal, task: () => Promise<T>): Promise<T> {
    const lane = this.#lane(host);
    return lane.limit(async () => {
      signal.throwIfAborted();
      // Reserve the slot that is free soonest before sleeping, so waiting requests space out.
      const slot = soonestSlot(lane.slots);
      const at = Math.max(now(), lane.slots[slot]! + lane.intervalMs, lane.holdUntil);
      lane.slots[slot] = at;
      await abortableSleep(at - now(), signal);
      return this.#global(async () => {
        signal.throwIfAborted();
        // A Retry-After may have arrived while this request waited for a global slot.
        await abortableSleep(lane.holdUntil - now(), signal);
        // A Crawl-delay may have cut the host to one slot meanwhile; the request still counts.
        const own = Math.min(slot, lane.slots.length - 1);
        lane.slots[own] = Math.max(lane.slots[own]!, now());
        return task();
      });
    });
  }

  /**
   * robots.txt's Crawl-delay is the delay between successive requests: one at a time, that far
   * apart. It can only slow us down, never speed us up.
   */
  respectCrawlDelay(host: string, delayMs: number): void {
    const lane = this.#lane(host);
    if (delayMs <= lane.intervalMs && lane.slots.length === 1) return;
    lane.intervalMs = Math.max(lane.intervalMs, delayMs);
    lane.limit.concurrency = 1;
    lane.slots = [Math.max(...lane.slots)];
  }

  holdOff(host: string, untilMs: number): void {
    const lane = this.#lane(host);
    lane.holdUntil = Math.max(lane.holdUntil, untilMs);
  }

  #lane(host: string): Lane {
    let lane = this.#lanes.get(host);
    if (!lane) {
      const policy = this.#politeness.hosts[host] ?? this.#politeness.hosts.default;
      lane = {
        limit: pLimit(policy.concurrency),
        intervalMs: policy.minIntervalMs,
        slots: Array.from({ length: policy.concurrency }, () => -Infinity),
        holdUntil: -Infinity,
      };
      this.#lanes.set(host, lane);
    }
    return lane;
  }
}

function soonestSlot(slots: number[]): number {
  let best = 0;
  for (let i = 1; i < slots.length; i++) if (slots[i]! < slots[best]!) best = i;
  return best;
}
