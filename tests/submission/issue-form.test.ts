import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIELD_LABELS, parseIssueForm } from '../../src/submission/issue-form.ts';

const root = join(import.meta.dirname, '..', '..');
const body = (name: string) => readFileSync(join(root, 'tests', 'fixtures', 'submissions', name), 'utf8');

interface FormField {
  type: string;
  id?: string;
  attributes: { label?: string };
  validations?: { required?: boolean };
}

describe('the "Submit an event" issue form', () => {
  const form = parse(readFileSync(join(root, '.github', 'ISSUE_TEMPLATE', 'submit-an-event.yml'), 'utf8')) as { labels: string[]; body: FormField[] };
  const fields = form.body.filter((field) => field.type !== 'markdown');

  it('asks for exactly the fields the submission command reads, under the same labels', () => {
    expect(Object.fromEntries(fields.map((field) => [field.id, field.attributes.label]))).toEqual(FIELD_LABELS);
  });

  it('requires the group, the title and the start, and labels the issue for the submission workflow', () => {
    expect(fields.filter((field) => field.validations?.required).map((field) => field.id)).toEqual(['group', 'title', 'start']);
    expect(form.labels).toEqual(['event-submission']);
  });
});

describe('an issue body as GitHub renders the form', () => {
  it('gives each field under its heading', () => {
    expect(parseIssueForm(body('complete.md'))).toEqual({
      group: 'Greater Spokane Inc',
      title: 'Tech Jobs Fair',
      start: '2027-02-11 17:00',
      end: '2027-02-11 20:00',
      venue: 'Spokane Convention Center',
      address: '334 W Spokane Falls Blvd, Spokane, WA 99201',
      link: 'https://greaterspokane.org/events/jobs-fair',
      description: 'Meet employers hiring in **tech**: software, IT and data.\n\nBring a résumé; students welcome.',
    });
  });

  it('leaves out a field answered "_No response_"', () => {
    expect(parseIssueForm(body('optional-fields-empty.md'))).toEqual({ group: 'greater spokane inc', title: 'Founders Breakfast', start: '2027-03-04 07:30' });
  });

  it('reads a body written with Windows line ends', () => {
    expect(parseIssueForm(body('online-with-offset-crlf.md'))).toMatchObject({ start: '2027-02-16T12:00-05:00', online: 'https://meet.example/security-webinar' });
  });

  it('keeps headings a description has of its own, even one named like a field', () => {
    const description = parseIssueForm(body('hostile.md')).description!;
    expect(description).toContain('### Group\n\nSomebody Else');
    expect(parseIssueForm(body('hostile.md')).group).toBe('Greater Spokane Inc');
    expect(parseIssueForm('### Title\n\nTalk\n\n### Description\n\nIntro\n\n### Agenda\n\n1. Pizza').description).toBe('Intro\n\n### Agenda\n\n1. Pizza');
  });

  it('has nothing for a body that is not the form', () => {
    expect(parseIssueForm('Please add our meetup, it is on Tuesdays!')).toEqual({});
  });
});
