import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

// A built site served on this machine the way GitHub Pages serves a project site, so that what
// you preview is what visitors get: the site lives under its path prefix (`/spokane-tech/`, or
// `/` for a domain root), a folder answers with its index.html, a folder without its trailing
// slash redirects to it, and anything missing answers 404 with the site's own 404.html. Used by
// `spokane-tech preview` and by the browser tests.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ics': 'text/calendar; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface PreviewServer {
  /** The site's base URL, ending in the prefix: `http://127.0.0.1:PORT/spokane-tech/`. */
  base: string;
  /** The server's origin: `http://127.0.0.1:PORT`. */
  origin: string;
  /** An absolute URL for a path inside the site (`groups/` or `/groups/`, both under the prefix). */
  url(path?: string): string;
  close(): Promise<void>;
}

export interface PreviewOptions {
  /** The site's path prefix, as site.url's path gives it (default `/`). */
  prefix?: string;
  /** The port on 127.0.0.1; 0 (the default) takes any free one. */
  port?: number;
}

/**
 * Serve `folder` on 127.0.0.1 under `prefix`. The folder may be filled after the server starts:
 * each request reads what is there at that moment, so a site can be built with the server's own
 * address as its `site.url`.
 */
export async function startPreviewServer(folder: string, { prefix = '/', port = 0 }: PreviewOptions = {}): Promise<PreviewServer> {
  const dir = resolve(folder);
  const base = `/${prefix.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const server = createServer((request, response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (`${pathname}/` === base) {
      response.writeHead(301, { location: base }).end();
      return;
    }

    const send = (file: string, status: number) => {
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      response.writeHead(status, { 'content-type': type, 'content-length': statSync(file).size, 'cache-control': 'no-store' });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    };
    const notFound = () => {
      const page = join(dir, '404.html');
      if (existsSync(page)) send(page, 404);
      else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    };

    if (!pathname.startsWith(base)) return notFound();
    const inside = normalize(join(dir, pathname.slice(base.length)));
    if (inside !== dir && !inside.startsWith(dir + sep)) return notFound();
    if (!existsSync(inside)) return notFound();
    if (statSync(inside).isDirectory()) {
      if (!pathname.endsWith('/')) {
        const query = new URL(request.url ?? '/', 'http://127.0.0.1').search;
        response.writeHead(301, { location: `${pathname}/${query}` }).end();
        return;
      }
      const index = join(inside, 'index.html');
      return existsSync(index) ? send(index, 200) : notFound();
    }
    send(inside, 200);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base: origin + base,
    origin,
    url: (path = '') => origin + base + path.replace(/^\/+/, ''),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
