import pLimit, { type LimitFunction } from 'p-limit';
import { abortableSleep, monotonicNow as now } from './deadline.ts';

export interface HostPolicy {
  /** Requests in flight to this host at once. */
  concurrency: number;
  /** Least time between the starts of two requests to this host. */
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

/** Settings given per host fill in from the default host's, so `{ minIntervalMs: 5000 }` alone is enough. */
export function resolvePoliteness(options: PolitenessOptions = {}): Politeness {
  const given = options.hosts ?? {};
  const fallback = { ...DEFAULT_POLITENESS.hosts.default, ...given.default };
  const hosts: Politeness['hosts'] = { default: fallback };
  for (const [host, policy] of Object.entries({ ...DEFAULT_POLITENESS.hosts, ...given })) {
    if (host !== 'default') hosts[host] = { ...fallback, ...policy };
  }
  return { concurrency: options.concurrency ?? DEFAULT_POLITENESS.concurrency, hosts };
}

interface Lane {
  limit: LimitFunction;
  intervalMs: number;
  /** Start time handed to the last request that got through the host's queue. */
  reserved: number;
  /** When the last request actually started. */
  lastStart: number;
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
      // Reserving a start time before sleeping spaces out requests that share a host's slots.
      const at = Math.max(now(), lane.reserved + lane.intervalMs, lane.holdUntil);
      lane.reserved = at;
      await abortableSleep(at - now(), signal);
      return this.#global(async () => {
        signal.throwIfAborted();
        // Only when the global queue delayed an earlier start does this wait (holding a global slot).
        await abortableSleep(Math.max(lane.lastStart + lane.intervalMs, lane.holdUntil) - now(), signal);
        lane.lastStart = now();
        lane.reserved = Math.max(lane.reserved, lane.lastStart);
        return task();
      });
    });
  }

  /** robots.txt's Crawl-delay can only slow us down, never speed us up. */
  raiseInterval(host: string, intervalMs: number): void {
    const lane = this.#lane(host);
    lane.intervalMs = Math.max(lane.intervalMs, intervalMs);
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
        reserved: -Infinity,
        lastStart: -Infinity,
        holdUntil: -Infinity,
      };
      this.#lanes.set(host, lane);
    }
    return lane;
  }
}
