import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback stand-in for the part of GitHub's REST API the alarm uses: list issues by state and
// label, create an issue, comment on one, change its state. Shapes follow the real API
// (https://docs.github.com/rest/issues), trimmed to the fields read.

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: string | null;
  comments: string[];
  /** The issues API lists pull requests too. */
  pullRequest?: boolean;
}

export const FAKE_TOKEN = 'test-token-not-secret';

export async function startFakeGitHub(repository: string) {
  const issues: FakeIssue[] = [];
  const requests: string[] = [];
  let failWith: { status: number; message: string } | null = null;
  const prefix = `/repos/${repository}/issues`;

  const send = (response: ServerResponse, status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const toJson = (issue: FakeIssue) => ({
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((name) => ({ name })),
    html_url: `https://github.example/${repository}/issues/${issue.number}`,
    ...(issue.pullRequest ? { pull_request: { url: 'https://github.example/pr' } } : {}),
  });

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${request.method} ${url.pathname}`);
    if (request.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return send(response, 401, { message: 'Bad credentials' });
    if (failWith !== null) return send(response, failWith.status, { message: failWith.message, documentation_url: 'https://docs.github.com/rest' });
    const body = await readJson(request);

    if (request.method === 'GET' && url.pathname === prefix) {
      const state = url.searchParams.get('state') ?? 'open';
      const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const matching = issues.filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
      return send(response, 200, matching.slice((page - 1) * perPage, page * perPage).map(toJson));
    }
    if (request.method === 'POST' && url.pathname === prefix) {
      const { title, body: text, labels } = body as { title: string; body: string; labels?: string[] };
      const issue: FakeIssue = { number: issues.length + 1, title, body: text, labels: labels ?? [], state: 'open', stateReason: null, comments: [] };
      issues.push(issue);
      return send(response, 201, toJson(issue));
    }
    const match = url.pathname.slice(prefix.length).match(/^\/(\d+)(\/comments)?$/);
    const issue = match && url.pathname.startsWith(prefix) ? issues.find((i) => i.number === Number(match[1])) : undefined;
    if (!issue) return send(response, 404, { message: 'Not Found' });
    if (request.method === 'POST' && match?.[2]) {
      issue.comments.push((body as { body: string }).body);
      return send(response, 201, { id: issue.comments.length, body: (body as { body: string }).body });
    }
    if (request.method === 'PATCH' && !match?.[2]) {
      const update = body as { state?: 'open' | 'closed'; state_reason?: string };
      if (update.state) issue.state = update.state;
      if (update.state_reason) issue.stateReason = update.state_reason;
      return send(response, 200, toJson(issue));
    }
    return send(response, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}`,
    issues,
    requests,
    /** Answer every authorized request with this status and message from now on (null: behave again). */
    failWith(status: number | null, message = 'Server Error') {
      failWith = status === null ? null : { status, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}
