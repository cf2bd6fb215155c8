import robotsParserModule from 'robots-parser';
import { HostUnreachable, SourceFailure } from '../errors.ts';

// The typings declare an ES default export, but the package is CommonJS: Node hands us the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The product token of our User-Agent, the name robots.txt groups address us by. */
export const ROBOTS_TOKEN = 'spokane-tech';

type Verdict =
  | { allows: (url: string) => boolean }
  | { stayAway: SourceFailure };

export interface RobotsGateOptions {
  /** Fetches robots.txt as text; throws a SourceFailure (with the status) when it cannot. */
  fetchText: (url: string) => Promise<string>;
  /** Crawl-delay, applied before the first request to the host goes out. */
  onCrawlDelay: (host: string, delayMs: number) => void;
}

/**
 * robots.txt per RFC 9309, read once per origin for the life of the client: a 4xx means no rules;
 * a 5xx or no answer at all means the whole site is off limits until the next run.
 */
export class RobotsGate {
  readonly #verdicts = new Map<string, Promise<Verdict>>();
  readonly #options: RobotsGateOptions;

  constructor(options: RobotsGateOptions) {
    this.#options = options;
  }

  /** Resolves when `url` may be fetched; throws a SourceFailure saying why not otherwise. */
  async check(url: URL): Promise<void> {
    const verdict = await this.#verdictFor(url);
    if ('stayAway' in verdict) throw verdict.stayAway;
    if (!verdict.allows(url.href)) {
      throw new SourceFailure('robots', `${url.origin}/robots.txt disallows ${url.href} for ${ROBOTS_TOKEN}; not fetched`);
    }
  }

  #verdictFor(url: URL): Promise<Verdict> {
    let verdict = this.#verdicts.get(url.origin);
    if (!verdict) {
      verdict = this.#read(url);
      this.#verdicts.set(url.origin, verdict);
    }
    return verdict;
  }

  async #read(url: URL): Promise<Verdict> {
    const robotsUrl = `${url.origin}/robots.txt`;
    let text: string;
    try {
      text = await this.#options.fetchText(robotsUrl);
    } catch (error) {
      // A host that cannot be reached is disallowed too (RFC 9309), but the reason to give is the host.
      if (error instanceof HostUnreachable) return { stayAway: error };
      const failure = error instanceof SourceFailure ? error : new SourceFailure('network', String(error));
      // robots.txt is the first thing asked of a host: no answer to it is a host that does not answer.
      if (failure.kind === 'timeout') return { stayAway: new HostUnreachable(url.host, 'it did not answer', 'timeout', failure.message, robotsUrl) };
      const status = failure.httpStatus;
      if (status !== null && status >= 400 && status < 500) return { allows: () => true };
      const what = status !== null ? `answered ${status}` : `could not be read (${failure.message})`;
      const message = `${robotsUrl} ${what}; staying away from ${url.host} this run, as RFC 9309 asks`;
      return { stayAway: new SourceFailure(status !== null ? 'robots' : failure.kind, message, status) };
    }
    const rules = robotsParser(robotsUrl, text);
    const delay = rules.getCrawlDelay(ROBOTS_TOKEN);
    if (delay !== undefined && delay > 0) this.#options.onCrawlDelay(url.host, delay * 1000);
    // robots-parser answers undefined for URLs outside the file's origin, which never happens here.
    return { allows: (href) => rules.isAllowed(href, ROBOTS_TOKEN) !== false };
  }
}
