import { z } from 'zod';
import { describe, mapping, nonEmptyText, optionalHttpUrl, optionalText, requiredText } from './fields.ts';
import type { ConfigProblem } from './positions.ts';
import { uniqueIds } from './unique-ids.ts';
import { eventTimes, writtenTime, type WrittenTimes } from './written-times.ts';
import { readYamlFile, type FileKind } from './yaml-file.ts';

// A group's events kept in the repository (data/manual/<group>.yaml), for groups with no feed:
// `events:`, each with an id that is its identity forever. Checked like sources.yaml, every
// problem at its line and column.

export interface ManualEvent {
  id: string;
  title: string;
  times: WrittenTimes;
  venue?: string;
  address?: string;
  /** Where to join online. */
  online?: string;
  /** The event's own page. */
  url?: string;
  /** Markdown. */
  description?: string;
  status: 'scheduled' | 'cancelled' | 'postponed';
  tags: string[];
}

export const MANUAL_FILE: FileKind = { name: 'manual events file', noun: 'manual events file', example: 'a manual events file', topKeys: 'events:' };

const STATUSES = ['scheduled', 'cancelled', 'postponed'] as const;

export function manualEventsSchema(zone: string) {
  const event = mapping('event (id, title and start)', {
    id: requiredText('event id').refine((id) => /^[a-z0-9-]+$/.test(id), {
      error: (issue) => `event id "${String(issue.input)}" must be lowercase letters, digits and hyphens ([a-z0-9-]+): it is the event's identity forever`,
    }),
    title: nonEmptyText('event title'),
    start: writtenTime('start', zone),
    end: writtenTime('end', zone).optional(),
    venue: optionalText('venue'),
    address: optionalText('address'),
    online: optionalHttpUrl('online'),
    url: optionalHttpUrl('url'),
    description: optionalText('description'),
    status: z
      .enum(STATUSES, { error: (issue) => `status must be one of ${STATUSES.join(', ')}, not ${describe(issue.input)}` })
      .optional()
      .transform((status) => status ?? 'scheduled'),
    tags: z
      .array(z.string({ error: (issue) => `each tag must be text, not ${describe(issue.input)}` }), {
        error: (issue) => `tags must be a list like [python, data], not ${describe(issue.input)}`,
      })
      .nullish()
      .transform((tags) => tags ?? []),
  }).transform((written, context): ManualEvent => {
    const times = eventTimes(written.start, written.end);
    if (typeof times === 'string') {
      context.addIssue({ code: 'custom', path: ['end'], message: times });
      return z.NEVER;
    }
    const { start: _start, end: _end, ...rest } = written;
    return { ...rest, times };
  });
  return mapping('manual events file (events)', {
    // `events:` with nothing under it yet: a group ready for its first event.
    events: z
      .array(event, { error: (issue) => (issue.input === undefined ? 'events is missing; list the events under events:' : `events must be a list of events, not ${describe(issue.input)}`) })
      .nullable()
      .transform((events) => events ?? []),
  });
}

export type ManualEventsResult = { ok: true; events: ManualEvent[] } | { ok: false; problems: ConfigProblem[] };

export function loadManualEvents(path: string, zone: string): ManualEventsResult {
  const read = readYamlFile(path, manualEventsSchema(zone), MANUAL_FILE, uniqueIds('events', 'event'));
  return read.ok ? { ok: true, events: read.data.events } : read;
}
