import { z } from 'zod';
import { describe, isHttpUrl, mapping, nonEmptyText, optionalHttpUrl, optionalText, requiredText } from './fields.ts';
import { readTime, type WrittenTime } from './written-times.ts';

// Corrections by the maintainers (`corrections:` in sources.yaml): an event named by its link at
// its source, or by `<group-id>/<event id>` for an event kept in the repository, with the reason,
// and either `hide: true` or the fields to show instead of the source's. They apply at every
// build, so a re-fetch never undoes them.

export interface Correction {
  /** The event's link at its source, or `<group-id>/<event id>` of a manual event. */
  event: string;
  reason: string;
  hide: boolean;
  override: CorrectedFields;
}

export interface CorrectedFields {
  title?: string;
  /** A new start (and end); with only a start, the event keeps its length. */
  start?: WrittenTime;
  end?: WrittenTime;
  venue?: string;
  address?: string;
  online?: string;
  status?: 'scheduled' | 'cancelled' | 'postponed';
  tags?: string[];
}

const STATUSES = ['scheduled', 'cancelled', 'postponed'] as const;
const OVERRIDES = ['title', 'start', 'end', 'venue', 'address', 'online', 'status', 'tags'] as const;

/** `<group-id>/<event id>`: how an event kept in the repository is named. */
export const MANUAL_EVENT_REF = /^[a-z0-9-]+\/[a-z0-9-]+$/;

const correctionSchema = mapping('correction (event, reason, and hide or the fields to change)', {
  event: requiredText('correction event', " (the event's link at its source, or <group-id>/<event id> for an event kept in the repository)").refine(
    (ref) => isHttpUrl(ref) || MANUAL_EVENT_REF.test(ref),
    { error: (issue) => `correction event "${String(issue.input)}" must be the event's link at its source (https://…) or <group-id>/<event id> for an event kept in the repository` },
  ),
  reason: nonEmptyText('correction reason'),
  hide: z.boolean({ error: (issue) => `hide must be true or false, not ${describe(issue.input)}` }).optional(),
  title: optionalText('title'),
  // Read in the site's zone once the site is known (see correctionTimes).
  start: optionalText('start'),
  end: optionalText('end'),
  venue: optionalText('venue'),
  address: optionalText('address'),
  online: optionalHttpUrl('online'),
  status: z.enum(STATUSES, { error: (issue) => `status must be one of ${STATUSES.join(', ')}, not ${describe(issue.input)}` }).optional(),
  tags: z
    .array(z.string({ error: (issue) => `each tag must be text, not ${describe(issue.input)}` }), { error: (issue) => `tags must be a list like [python, data], not ${describe(issue.input)}` })
    .optional(),
}).superRefine((written, context) => {
  const changes = OVERRIDES.filter((key) => written[key] !== undefined);
  if (written.hide && changes.length > 0) context.addIssue({ code: 'custom', path: ['hide'], message: 'a correction either hides the event or changes its fields, not both' });
  if (!written.hide && changes.length === 0) context.addIssue({ code: 'custom', path: ['hide'], message: `a correction needs hide: true or a field to change (${OVERRIDES.join(', ')})` });
  if (written.end !== undefined && written.start === undefined) context.addIssue({ code: 'custom', path: ['end'], message: 'a corrected end needs its start too' });
});

export const correctionsSchema = z
  .array(correctionSchema, { error: (issue) => `corrections must be a list of corrections, not ${describe(issue.input)}` })
  .nullish()
  .transform((corrections) => corrections ?? []);

type WrittenCorrection = z.output<typeof correctionSchema>;

/** The corrections with their times read in the site's zone; a time that cannot be read is an issue at its place. */
export function correctionTimes(written: WrittenCorrection[], zone: string, context: z.RefinementCtx): Correction[] {
  return written.map((correction, index) => {
    const override: CorrectedFields = {};
    for (const key of OVERRIDES) {
      const value = correction[key];
      if (value === undefined) continue;
      if (key === 'start' || key === 'end') {
        const read = readTime(key, value as string, zone);
        if (typeof read === 'string') context.addIssue({ code: 'custom', path: ['corrections', index, key], message: read });
        else override[key] = read;
      } else {
        Object.assign(override, { [key]: value });
      }
    }
    return { event: correction.event, reason: correction.reason, hide: correction.hide ?? false, override };
  });
}
