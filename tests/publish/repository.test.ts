import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADD_GROUP_FORM, REPORT_EVENT_FIELD, REPORT_EVENT_FORM, repositoryLinks } from '../../src/publish/view/repository.ts';

const TEMPLATES = join(import.meta.dirname, '..', '..', '.github', 'ISSUE_TEMPLATE');
const form = (file: string) => parse(readFileSync(join(TEMPLATES, file), 'utf8')) as { title: string; body: { id?: string }[] };

describe('links to the site’s repository', () => {
  it('opens the repository’s own issue forms', () => {
    expect(repositoryLinks('https://github.com/spokane-tech/spokane-tech/')).toEqual({
      url: 'https://github.com/spokane-tech/spokane-tech',
      addGroup: 'https://github.com/spokane-tech/spokane-tech/issues/new?template=add-a-group.yml',
      reportEvent: 'https://github.com/spokane-tech/spokane-tech/issues/new?template=report-a-wrong-event.yml',
    });
    expect(repositoryLinks(undefined)).toBeNull();
  });

  it('fills in a field the “wrong event” form really has, so GitHub puts the event’s link in it', () => {
    expect(form(ADD_GROUP_FORM).body.length).toBeGreaterThan(0);
    expect(form(REPORT_EVENT_FORM).body.map((field) => field.id)).toContain(REPORT_EVENT_FIELD);
    expect(form(REPORT_EVENT_FORM).title).toBe('Wrong event: ');
  });
});
