import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface Hit {
  method: string;
  /** host:port, as the client addressed it. */
  host: string;
  /** Path and query. */
  path: string;
  headers: IncomingHttpHeaders;
  /** performance.now() when the request's headers arrived. */
  startedAt: number;
  /** What a POST sent; '' for a GET. */
  body: string;
}

/**
 * The tests' one loopback HTTP server: routes a test can change between runs, and every request
 * it got. With `hostCount` above one, one handler listens on several loopback addresses
 * (127.0.0.2, 127.0.0.3, …: Linux routes all of 127/8 to lo), so a test can play several hosts;
 * it records when each request started and how many were in flight per host at once.
 *
 * A route is a path, with its query or without (then it answers whatever the query), served on
 * every host, or on one host when registered with its number.
 */
export async function startServer(initialRoutes: Record<string, Route> = {}, hostCount = 1) {
  const routes = new Map<string, Route>(Object.entries(initialRoutes));
  const hits: Hit[] = [];
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  let activeAll = 0;
  let peakAll = 0;

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers.host ?? '';
    const path = request.url ?? '/';
    const hit: Hit = { method: request.method ?? 'GET', host, path, headers: request.headers, startedAt: performance.now(), body: '' };
    hits.push(hit);
    active.set(host, (active.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
    peakAll = Math.max(peakAll, ++activeAll);
    response.once('close', () => {
      active.set(host, active.get(host)! - 1);
      activeAll--;
    });
    const pathname = path.split('?')[0]!;
    const route = routes.get(`${host}${path}`) ?? routes.get(path) ?? routes.get(`${host}${pathname}`) ?? routes.get(pathname) ?? respond(404, 'not found');
    if (hit.method === 'GET' || hit.method === 'HEAD') return route(request, response);
    // A POST's body is read here, whole, before its route answers: tests look at it in hits().
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      hit.body = Buffer.concat(chunks).toString('utf8');
      route(request, response);
    });
  };

  const servers: Server[] = [];
  const hosts: string[] = [];
  for (let i = 0; i < hostCount; i++) {
    const server = createServer(handle);
    const address = `127.0.0.${i + 2}`;
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    servers.push(server);
    hosts.push(`${address}:${(server.address() as AddressInfo).port}`);
  }

  return {
    /** host:port of each address, in order. */
    hosts,
    url: (path: string, host = 0) => `http://${hosts[host]}${path}`,
    /** Serves `path` on every host, or only on host number `host`. */
    route(path: string, handler: Route, host?: number) {
      routes.set(host === undefined ? path : `${hosts[host]}${path}`, handler);
    },
    hits: (path?: string, host?: number) =>
      hits.filter((hit) => (path === undefined || hit.path === path) && (host === undefined || hit.host === hosts[host])),
    /** The most requests that were in flight at once to one host, or to all together. */
    peakConcurrency: (host?: number) => (host === undefined ? peakAll : (peak.get(hosts[host]!) ?? 0)),
    async close() {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

export function respond(status: number, body: string | Buffer = '', headers: Record<string, string> = {}): Route {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
  };
}

/** `body` as `contentType`, with `status`. */
export function serve(body: string, contentType: string, status = 200): Route {
  return respond(status, body, { 'content-type': contentType });
}

/** Takes the request and never answers. */
export function hang(): Route {
  return () => {};
}

/** Answers after `ms`. */
export function slow(ms: number, route: Route = respond(200, 'ok')): Route {
  return (request, response) => {
    const timer = setTimeout(() => route(request, response), ms);
    response.once('close', () => clearTimeout(timer));
  };
}

/** Sends headers, then one byte of the body every `everyMs`: never silent long enough for a body timeout. */
export function trickle(everyMs: number, totalBytes = 10_000): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(totalBytes) }).flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      response.write('x');
      if (++sent === totalBytes) {
        clearInterval(timer);
        response.end();
      }
    }, everyMs);
    response.once('close', () => clearInterval(timer));
  };
}

/** Promises a body, sends part of it, then resets the connection (TCP RST). */
export function resetMidBody(): Route {
  return (request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100000' });
    response.write('x'.repeat(1000), () => setTimeout(() => request.socket.resetAndDestroy(), 20));
  };
}

export function redirect(location: string, status = 302): Route {
  return respond(status, '', { location });
}

/** `totalBytes` of body in 64 KiB chunks, with no Content-Length (so only counting can stop it). */
export function largeBody(totalBytes: number): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const writeMore = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', writeMore);
      }
      response.end();
    };
    response.once('close', () => (sent = totalBytes));
    writeMore();
  };
}

/** Each request gets the next route; the last one answers every request after that. */
export function sequence(...steps: Route[]): Route {
  let next = 0;
  return (request, response) => steps[Math.min(next++, steps.length - 1)]!(request, response);
}
