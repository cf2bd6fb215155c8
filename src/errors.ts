/** Why a source could not be read. Recorded in the run log; never loses stored events. */
export type FailureKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'too_large'
  | 'unexpected_content'
  | 'parse'
  /** robots.txt disallows the URL, or could not be read, which RFC 9309 says means stay away. */
  | 'robots';

export class SourceFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'SourceFailure';
  }

  /** The same failure with a note on how it ended: "(gave up after 3 retries)". */
  noted(note: string): SourceFailure {
    return new SourceFailure(this.kind, `${this.message} (${note})`, this.httpStatus);
  }
}

/**
 * A host that could not be reached at all: its name does not resolve, it refuses the connection,
 * or it never answers. Said as that, whatever was being fetched (robots.txt, a feed, a page).
 */
export class HostUnreachable extends SourceFailure {
  constructor(
    /** `www.meetup.com`, or `127.0.0.1:8080` */
    readonly host: string,
    /** "DNS lookup failed", "connection refused", … */
    readonly reason: string,
    override readonly kind: 'network' | 'timeout',
    /** What the system said, for the run log: `getaddrinfo ENOTFOUND www.meetup.com`. */
    readonly detail: string,
    readonly url: string,
  ) {
    super(kind, `${cannotReach(host, reason)} (${detail}, for ${url})`);
    this.name = 'HostUnreachable';
  }

  override noted(note: string): HostUnreachable {
    return new HostUnreachable(this.host, this.reason, this.kind, `${this.detail}; ${note}`, this.url);
  }

  /** The cause without the detail: what a table row has room for. */
  get summary(): string {
    return cannotReach(this.host, this.reason);
  }
}

/** How a host that could not be reached is said, in errors and in the fetch table. */
export function cannotReach(host: string, reason: string): string {
  return `${host} could not be reached: ${reason}`;
}
