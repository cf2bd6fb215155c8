import { fetch } from 'undici';

export interface GitHubSettings {
  /** REST API base: https://api.github.com, or a GitHub Enterprise / test server's. */
  apiUrl: string;
  /** owner/name */
  repository: string;
  token: string;
}

export interface Issue {
  number: number;
  body: string;
  url: string;
}

interface IssueJson {
  number: number;
  body?: string | null;
  html_url: string;
  /** The issues API lists pull requests too; they carry this. */
  pull_request?: unknown;
}

/** What GitHub answered when it refused a call: its status, and its words. */
export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

const PAGE_SIZE = 100;
const REQUEST_TIMEOUT_MS = 30_000;

/** The four calls the alarm needs from GitHub's REST API, and nothing else. */
export class GitHubIssues {
  constructor(private readonly settings: GitHubSettings) {}

  async openIssues(label: string): Promise<Issue[]> {
    const issues: Issue[] = [];
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({ state: 'open', labels: label, per_page: String(PAGE_SIZE), page: String(page) });
      const batch = (await this.request('GET', `issues?${query}`)) as IssueJson[];
      issues.push(...batch.filter((issue) => issue.pull_request === undefined).map(toIssue));
      if (batch.length < PAGE_SIZE) return issues;
    }
  }

  async create(title: string, body: string, labels: string[]): Promise<Issue> {
    return toIssue((await this.request('POST', 'issues', { title, body, labels })) as IssueJson);
  }

  async comment(issue: number, body: string): Promise<void> {
    await this.request('POST', `issues/${issue}/comments`, { body });
  }

  async close(issue: number): Promise<void> {
    await this.request('PATCH', `issues/${issue}`, { state: 'closed', state_reason: 'completed' });
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const base = this.settings.apiUrl.replace(/\/+$/, '');
    const shown = `${method} /repos/${this.settings.repository}/${path.split('?')[0]}`;
    let response;
    try {
      response = await fetch(`${base}/repos/${this.settings.repository}/${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.settings.token}`,
          'user-agent': 'spokane-tech-alarm',
          'x-github-api-version': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`GitHub API: ${shown} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (!response.ok) throw new GitHubApiError(response.status, `GitHub API: ${shown} answered ${response.status}: ${errorMessage(text)}`);
    return text ? JSON.parse(text) : null;
  }
}

function toIssue(json: IssueJson): Issue {
  return { number: json.number, body: json.body ?? '', url: json.html_url };
}

/** GitHub explains errors as {"message": …}; anything else is shown cut short. */
function errorMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON (a proxy's error page, say): show the text itself
  }
  return text.slice(0, 200) || '(empty body)';
}
