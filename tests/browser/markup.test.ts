import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../site/snapshot.ts';
import { emailDigests, htmlPages, read } from '../site/files.ts';

// Every page of the fixture site (every kind of event, hostile and long unicode titles among
// them) through html-validate's recommended rules, outside the browser. No exceptions are
// configured for the pages: the recommended preset passes as it stands.

const CONFIG: ConfigData = {
  extends: ['html-validate:recommended'],
};

/**
 * The weeks' e-mail digests are written as mail clients need: every style inline (they drop
 * style sheets), and a table only Outlook for Windows reads, in its conditional comment.
 */
const EMAIL_CONFIG: ConfigData = {
  extends: ['html-validate:recommended'],
  rules: { 'no-inline-style': 'off', 'no-conditional-comment': 'off' },
};

let built: BuiltSite;

beforeAll(async () => {
  built = await buildSite('https://spokanetech.example', { search: false });
}, 120_000);

afterAll(() => {
  if (built) rmSync(dirname(built.dir), { recursive: true, force: true });
});

async function errorsIn(validator: HtmlValidate, html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((result) =>
    result.messages.filter((m) => m.severity === 2).map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
}

describe('the HTML of every page', () => {
  it('passes html-validate’s recommended rules with no error', async () => {
    const validator = new HtmlValidate(CONFIG);
    // The validator is live: a page with a duplicate id and a button inside a link fails it.
    const broken = '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><h1 id="a">a</h1><p id="a"><a href="/"><button type="button">b</button></a></p></main></body></html>';
    expect(await errorsIn(validator, broken, 'broken.html')).not.toEqual([]);

    const pages = htmlPages(built.dir);
    expect(pages.length).toBeGreaterThan(100);
    const errors: string[] = [];
    for (const file of pages) errors.push(...(await errorsIn(validator, read(built.dir, file), file)));
    expect(errors).toEqual([]);
  }, 60_000);

  it('passes them in the weeks’ e-mail digests too, but for their inline styles and Outlook’s conditional table', async () => {
    const validator = new HtmlValidate(EMAIL_CONFIG);
    const emails = emailDigests(built.dir);
    expect(emails).toHaveLength(2);
    const errors: string[] = [];
    for (const file of emails) errors.push(...(await errorsIn(validator, read(built.dir, file), file)));
    expect(errors).toEqual([]);
  });
});
