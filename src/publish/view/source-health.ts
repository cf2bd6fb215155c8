import type { SourceHealth } from '../../store/health.ts';
import { count } from './count.ts';
import { instantLabel } from './date-labels.ts';

// The sources page's rows: how each source's fetches went, in words and in the site's zone.

export interface SourceHealthView extends SourceHealth {
  /** "OK", "Failing (2 fetches in a row)", "Unhealthy: upcoming events fell from 8 to 2", … */
  statusLabel: string;
  lastSuccessLabel: string | null;
  lastFailureLabel: string | null;
}

export function sourceHealthView(health: SourceHealth, zone: string): SourceHealthView {
  const label = (instant: string | null) => (instant ? instantLabel(instant, zone) : null);
  return {
    ...health,
    statusLabel: statusLabel(health),
    lastSuccessLabel: label(health.lastSuccess),
    lastFailureLabel: label(health.lastFailure),
  };
}

function statusLabel(health: SourceHealth): string {
  const failures = `${count(health.consecutiveFailures, 'fetch', 'fetches')} in a row`;
  switch (health.state) {
    case 'unknown':
      return 'Not fetched yet';
    case 'healthy':
      return 'OK';
    case 'failing':
      return `Failing (${failures})`;
    case 'unhealthy':
      return health.lastOutcome === 'failed' ? `Unhealthy: failing (${failures})` : `Unhealthy: ${health.reason}`;
  }
}
