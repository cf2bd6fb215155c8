import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SOURCE_TYPES } from '../../src/types.ts';

// GitHub shows a broken issue form as no form at all, silently; these check what it requires.

interface Field {
  type: string;
  id?: string;
  attributes: { label?: string; options?: string[] };
  validations?: { required?: boolean };
}
interface Form {
  name: string;
  description: string;
  body: Field[];
}

const form = (file: string) => parse(readFileSync(join(import.meta.dirname, '..', '..', '.github', 'ISSUE_TEMPLATE', file), 'utf8')) as Form;
const required = (f: Form) => f.body.filter((field) => field.validations?.required).map((field) => field.id);

describe('the issue forms', () => {
  for (const file of ['add-a-group.yml', 'report-a-wrong-event.yml', 'submit-an-event.yml']) {
    it(`${file} has a name, a description, labelled fields and unique ids`, () => {
      const { name, description, body } = form(file);
      expect(name && description).toBeTruthy();
      const inputs = body.filter((field) => field.type !== 'markdown');
      expect(inputs.every((field) => field.id && field.attributes.label)).toBe(true);
      expect(new Set(inputs.map((field) => field.id)).size).toBe(inputs.length);
    });
  }

  it('asks for a group’s name, links and platform, offering every source type', () => {
    const addGroup = form('add-a-group.yml');
    expect(required(addGroup)).toEqual(['name', 'links', 'platform']);
    const options = addGroup.body.find((field) => field.id === 'platform')!.attributes.options!;
    expect(options.map((option) => option.match(/\((\w+)\)$/)?.[1])).toEqual([...SOURCE_TYPES]);
    expect(addGroup.body.some((field) => field.id === 'tags')).toBe(true);
  });

  it('asks which event is wrong and what is wrong with it', () => {
    expect(required(form('report-a-wrong-event.yml'))).toEqual(['event', 'wrong']);
  });
});
