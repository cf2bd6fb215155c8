import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.ts';
import { describeInBrowser, launchChromium, newContext, watch } from './browser.ts';

// `spokane-tech preview` (`npm run preview`): the site `build` wrote, served on this machine
// under the path prefix of its site.url, as GitHub Pages serves a project site.

let browser: Browser;
let scratch: string;
let preview: ChildProcess;
let base: string;
let exited: Promise<number | null>;

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describeInBrowser('previewing the built site', () => {
  beforeAll(async () => {
    const launched = launchChromium();
    scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-preview-'));
    const config = join(scratch, 'sources.yaml');
    writeFileSync(config, 'site:\n  title: Preview Tech\n  url: https://someone.github.io/preview-tech\n  timezone: America/Los_Angeles\ngroups: []\n');
    const out = join(scratch, '_site');
    const built = await runCli(['build', '--config', config, '--db', join(scratch, 'store.db'), '--data', join(scratch, 'data'), '--out', out]);
    expect(built.code, built.stderr).toBe(0);

    preview = spawn(process.execPath, [BIN, 'preview', '--config', config, '--out', out, '--port', String(await freePort())], { stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => preview.once('exit', (code) => resolve(code)));
    base = await new Promise<string>((resolve, reject) => {
      let said = '';
      preview.stdout!.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        const url = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/preview-tech\/)/.exec(said)?.[1];
        if (url) resolve(url);
      });
      preview.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${said}`)));
    });
    browser = await launched;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (preview && preview.exitCode === null) preview.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('serves the site under its path prefix, its styles and links working as they will on GitHub Pages', async () => {
    const { context, outside } = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watcher = watch(page);
    const problems = await watcher.visit(base);
    // The stylesheet, at its prefixed address, applies (Bootstrap takes the browser's margin off the page).
    expect(await page.locator('body').evaluate((el) => getComputedStyle(el).margin)).toBe('0px');
    await page.getByRole('navigation', { name: 'Site', exact: true }).getByRole('link', { name: 'Groups' }).click();
    await page.waitForURL(`${base}groups/`);
    expect(await page.locator('h1').textContent()).toBe('Groups');
    expect((await fetch(`${base}calendar.ics`)).headers.get('content-type')).toMatch(/^text\/calendar/);
    expect([...problems, ...watcher.problems, ...outside]).toEqual([]);
    await context.close();
  });

  it('answers a page that does not exist, or one outside the prefix, with the site’s own 404 page', async () => {
    for (const url of [`${base}no-such-page/`, new URL('/elsewhere/', base).href]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toContain('<h1>Page not found</h1>');
    }
  });

  it('stops cleanly on Ctrl-C', async () => {
    preview.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
