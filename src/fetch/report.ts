import type { FetchProgress, SourceReport } from './run.ts';

const OUTCOME_WORDS: Record<SourceReport['outcome'], string> = { ok: 'ok', failed: 'failed', not_modified: 'unchanged' };

/** The table `fetch` ends with: one row per source, what happened and what it brought. */
export function formatFetchTable(reports: SourceReport[]): string {
  const header = ['group', 'type', 'outcome', 'found', 'new', 'changed', 'missing', 'note'];
  const rows = reports.map((r) => [
    r.groupId,
    r.type,
    OUTCOME_WORDS[r.outcome],
    String(r.found),
    String(r.new),
    String(r.changed),
    String(r.missing),
    noteFor(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (i === header.length - 1 ? 0 : row[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const failed = reports.filter((r) => r.outcome === 'failed').length;
  const unhealthy = reports.filter((r) => r.countDrop).length;
  const summary = `${reports.length} source(s): ${reports.length - failed} ok, ${failed} failed${unhealthy ? `, ${unhealthy} unhealthy` : ''}`;
  return [line(header), ...rows.map(line), '', summary].join('\n');
}

function noteFor(report: SourceReport): string {
  if (report.message) return report.message;
  const notes = [];
  if (report.countDrop) notes.push(`UNHEALTHY: ${report.countDrop}`);
  if (report.warnings.length) notes.push(`${report.warnings.length} warning(s), first: ${report.warnings[0]}`);
  return notes.join('; ');
}

/** One terminal line: how far the run is, what failed, which hosts are being read now. */
export function formatProgress(progress: FetchProgress): string {
  const hosts = progress.activeHosts.slice(0, 3).join(', ') + (progress.activeHosts.length > 3 ? ', …' : '');
  const failed = progress.failed ? `, ${progress.failed} failed` : '';
  return `fetching ${progress.done}/${progress.total}${failed}${hosts ? ` · ${hosts}` : ''}`;
}

/** The run summary for scripts (`fetch --json`). */
export function fetchSummaryJson(reports: SourceReport[], elapsedMs: number): string {
  const failed = reports.filter((r) => r.outcome === 'failed').length;
  return JSON.stringify(
    {
      elapsedMs: Math.round(elapsedMs),
      sources: reports.length,
      ok: reports.length - failed,
      failed,
      unhealthy: reports.filter((r) => r.countDrop).length,
      results: reports.map(({ durationMs, ...report }) => ({ ...report, durationMs: Math.round(durationMs) })),
    },
    null,
    2,
  );
}
