import { staleCorrectionWarnings } from '../config/correction-places.ts';
import { build as buildSite } from '../publish/index.ts';
import { EXIT, readConfig, withSiteUrl, type ExitCode } from './shared.ts';

export interface BuildOptions {
  config: string;
  db: string;
  data: string;
  out: string;
  siteUrl?: string;
  serve?: number;
}

/** `spokane-tech build`: the snapshot in --data, the site and its feeds in --out. */
export default async function build(options: BuildOptions): Promise<ExitCode> {
  const config = withSiteUrl(readConfig(options.config), options.siteUrl);
  const summary = await buildSite({ config, dbPath: options.db, dataDir: options.data, outDir: options.out, servePort: options.serve });
  const origin = {
    store: options.db,
    snapshot: `the snapshot in ${options.data}, restored into ${options.db}`,
    nothing: 'nothing yet (no store, no snapshot)',
  }[summary.from];
  console.log(`built ${options.out}: ${summary.upcoming} upcoming of ${summary.events} events, ${summary.groups} groups, from ${origin}`);
  for (const warning of staleCorrectionWarnings(options.config, summary.staleCorrections)) console.error(warning);
  if (summary.servedAt) console.log(`serving ${summary.servedAt}; templates, styles and scripts are rendered again when they change (Ctrl-C to stop)`);
  return EXIT.ok;
}
