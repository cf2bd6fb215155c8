import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startPreviewServer } from '../publish/preview.ts';
import { pathPrefixOf } from '../publish/site-paths.ts';
import { EXIT, UsageError, readConfig, withSiteUrl, type ExitCode } from './shared.ts';

export interface PreviewOptions {
  config: string;
  out: string;
  siteUrl?: string;
  port: number;
}

/**
 * `spokane-tech preview`: the site `build` wrote, served on this machine under the path prefix
 * of the URL it was built for, until Ctrl-C. Opened from the disk instead, its links (which
 * start at the prefix) would lead nowhere.
 */
export default async function preview(options: PreviewOptions): Promise<ExitCode> {
  const config = withSiteUrl(readConfig(options.config), options.siteUrl);
  if (!existsSync(join(options.out, 'index.html'))) throw new UsageError(`${options.out} holds no built site; run spokane-tech build first`);
  const server = await startPreviewServer(options.out, { prefix: pathPrefixOf(config.site.url), port: options.port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`port ${options.port} is in use; choose another with --port`);
    throw error;
  });
  console.log(`serving ${options.out} at ${server.base} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await server.close();
  return EXIT.ok;
}
