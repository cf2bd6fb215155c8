import type { FetchProgress, SourceReport } from './run.ts';
import { cannotReach } from '../errors.ts';

const OUTCOME_WORDS: Record<SourceReport['outcome'], string> = { ok: 'ok', failed: 'failed', not_modified: 'unchanged' };

/**
 * A row longer than this wraps in a terminal and in a job log, and the table is lost. The whole
 * text of every note is in `fetch --json` and in the run log.
 */
const MAX_ROW = 159;

/** The table `fetch` ends with: one row per source, what happened and what it brought. */
export function formatFetchTable(reports: SourceReport[]): string {
  const header = ['group', 'type', 'outcome', 'found', 'new', 'changed', 'missing', 'note'];
  const notes = notesFor(reports);
  const rows = reports.map((r, i) => [
    r.groupId,
    r.type,
    OUTCOME_WORDS[r.outcome],
    String(r.found),
    String(r.new),
    String(r.changed),
    String(r.missing),
    notes[i]!,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (i === header.length - 1 ? 0 : row[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = rows.map(line);
  const cut = lines.some((text) => text.length > MAX_ROW);
  const failed = reports.filter((r) => r.outcome === 'failed').length;
  const unhealthy = reports.filter((r) => r.countDrop).length;
  const summary = `${reports.length} source(s): ${reports.length - failed} ok, ${failed} failed${unhealthy ? `, ${unhealthy} unhealthy` : ''}`;
  const offline = noHostReached(reports);
  return [
    line(header),
    ...lines.map((text) => (text.length > MAX_ROW ? `${text.slice(0, MAX_ROW - 1)}…` : text)),
    '',
    summary,
    ...(cut ? ['(notes cut to fit: fetch --json and the run log have them whole)'] : []),
    ...(offline.length > 0 ? [`no host could be reached (${listed(offline)}): is this machine offline?`] : []),
  ].join('\n');
}

/** Each row's note; a host that could not be reached is explained once, at its first row. */
function notesFor(reports: SourceReport[]): string[] {
  const explained = new Set<string>();
  return reports.map((report) => {
    if (!report.unreachable) return noteFor(report).replace(/\s+/g, ' ');
    const { host, reason } = report.unreachable;
    if (explained.has(host)) return `${host} could not be reached (as above)`;
    explained.add(host);
    return cannotReach(host, reason);
  });
}

function noteFor(report: SourceReport): string {
  if (report.message) return report.message;
  const notes = [];
  if (report.countDrop) notes.push(`UNHEALTHY: ${report.countDrop}`);
  if (report.warnings.length) notes.push(`${report.warnings.length} warning(s), first: ${report.warnings[0]}`);
  return notes.join('; ');
}

/** The hosts tried, when not one of them could be reached; none when any answered (or none was tried). */
export function noHostReached(reports: SourceReport[]): string[] {
  const fetched = reports.filter((r) => r.type !== 'manual');
  if (fetched.length === 0 || !fetched.every((r) => r.unreachable)) return [];
  return [...new Set(fetched.map((r) => r.unreachable!.host))];
}

function listed(hosts: string[]): string {
  return hosts.length <= 3 ? hosts.join(', ') : `${hosts.slice(0, 3).join(', ')} and ${hosts.length - 3} more`;
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
      noHostReached: noHostReached(reports),
      results: reports.map(({ durationMs, ...report }) => ({ ...report, durationMs: Math.round(durationMs) })),
    },
    null,
    2,
  );
}
