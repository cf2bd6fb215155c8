import type { Config } from '../config/schema.ts';
import { isHttpUrl } from '../config/fields.ts';
import { eventTimes, readTime, type WrittenTime } from '../config/written-times.ts';
import { codeSpan } from './code-span.ts';
import { FIELD_LABELS, type Submission } from './issue-form.ts';

// A submitted event, checked as a manual events file checks it, with every problem said in words
// the submitter can act on: they are posted back on the issue.

/** An event as it goes into a manual events file, its times as the submitter wrote them. */
export interface SubmittedEvent {
  title: string;
  start: string;
  end?: string;
  venue?: string;
  address?: string;
  online?: string;
  url?: string;
  description?: string;
}

export type CheckedSubmission = { ok: true; groupName: string; event: SubmittedEvent } | { ok: false; problems: string[] };

const MAX_TITLE = 200;
const MAX_LINE = 300;
const MAX_DESCRIPTION = 10_000;

export function checkSubmission(submission: Submission, config: Config): CheckedSubmission {
  const zone = config.site.timezone;
  const problems: string[] = [];
  const problem = (field: keyof typeof FIELD_LABELS, text: string) => problems.push(`**${FIELD_LABELS[field]}**: ${text}`);
  const line = (field: 'group' | 'title' | 'venue' | 'address', max: number) => {
    const value = submission[field]?.replace(/\s+/g, ' ').trim();
    if (value !== undefined && value.length > max) problem(field, `is ${value.length} characters long; at most ${max}, please`);
    return value;
  };

  const groupName = line('group', MAX_LINE);
  if (!groupName) problem('group', 'is missing: which group runs the event?');
  const title = line('title', MAX_TITLE);
  if (!title) problem('title', 'is missing');
  const venue = line('venue', MAX_LINE);
  const address = line('address', MAX_LINE);
  const start = submission.start === undefined ? undefined : writtenAsIso(submission.start);
  const end = submission.end === undefined ? undefined : writtenAsIso(submission.end);
  if (start === undefined) problem('start', 'is missing: give a date and time like 2027-02-11 17:00, or a date for an all-day event');
  const read: Partial<Record<'start' | 'end', WrittenTime>> = {};
  for (const [field, value] of [['start', start], ['end', end]] as const) {
    if (value === undefined) continue;
    const time = readTime(field, value, zone);
    if (typeof time === 'string') problem(field, `${codeSpan(submission[field]!)} ${time.replace(/^(start|end) ("[^"]*"|\S+) /, '')}`);
    else read[field] = time;
  }
  if (read.start && (end === undefined || read.end)) {
    const times = eventTimes(read.start, read.end);
    if (typeof times === 'string') problem('end', times.replace(/^end /, ''));
  }
  const [online, url] = [submission.online, submission.link];
  if (online !== undefined && !isHttpUrl(online)) problem('online', `${codeSpan(online)} is not a web address (https://…)`);
  if (url !== undefined && !isHttpUrl(url)) problem('link', `${codeSpan(url)} is not a web address (https://…)`);
  if (submission.description !== undefined && submission.description.length > MAX_DESCRIPTION) {
    problem('description', `is ${submission.description.length} characters long; at most ${MAX_DESCRIPTION}, please`);
  }
  if (problems.length > 0 || !groupName || !title || !start) return { ok: false, problems };

  const event: SubmittedEvent = { title, start };
  if (end !== undefined) event.end = end;
  if (venue) event.venue = venue;
  if (address) event.address = address;
  if (online !== undefined) event.online = online;
  if (url !== undefined) event.url = url;
  if (submission.description !== undefined) event.description = submission.description;
  return { ok: true, groupName, event };
}

/** "2027-02-11 17:00" as people type it is `2027-02-11T17:00` to the file. */
function writtenAsIso(value: string): string {
  return value.trim().replace(/^(\d{4}-\d{2}-\d{2})[ \t]+(\d)/, '$1T$2');
}
