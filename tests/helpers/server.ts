import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A loopback HTTP server whose routes a test can change between runs. */
export async function startServer(routes: Record<string, Route> = {}) {
  const table = new Map(Object.entries(routes));
  const hits: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    hits.push(path);
    const route = table.get(path);
    if (route) route(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    hits,
    route(path: string, handler: Route) {
      table.set(path, handler);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function serve(body: string, contentType: string, status = 200): Route {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': contentType }).end(body);
  };
}
