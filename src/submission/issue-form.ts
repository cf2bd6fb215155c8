// A "Submit an event" issue as GitHub renders its form: each field a `### <label>` heading and its
// value under it, "_No response_" for a field left empty. The labels are the form's own
// (.github/ISSUE_TEMPLATE/submit-an-event.yml); a test holds the two to the same words.

export const FIELD_LABELS = {
  group: 'Group',
  title: 'Title',
  start: 'Start',
  end: 'End',
  venue: 'Venue',
  address: 'Address',
  online: 'Online link',
  link: 'Link',
  description: 'Description',
} as const;

export type SubmittedField = keyof typeof FIELD_LABELS;
export type Submission = Partial<Record<SubmittedField, string>>;

const NO_RESPONSE = '_No response_';

/**
 * The fields the body answers; a field left empty, or not in the body, is absent. A heading starts
 * a field only when it is the label of one not seen yet: a description may have headings of its own
 * (`### Agenda`, even `### Group`), and they stay in it.
 */
export function parseIssueForm(body: string): Submission {
  const byLabel = new Map(Object.entries(FIELD_LABELS).map(([field, label]) => [label.toLowerCase(), field as SubmittedField]));
  const lines = new Map<SubmittedField, string[]>();
  let current: string[] | undefined;
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^###[ \t]+(.+?)[ \t]*$/.exec(line);
    const field = heading ? byLabel.get(heading[1]!.toLowerCase()) : undefined;
    if (field !== undefined && !lines.has(field)) lines.set(field, (current = []));
    else current?.push(line);
  }
  const submission: Submission = {};
  for (const [field, value] of lines) {
    const text = value.join('\n').trim();
    if (text !== '' && text !== NO_RESPONSE) submission[field] = text;
  }
  return submission;
}
