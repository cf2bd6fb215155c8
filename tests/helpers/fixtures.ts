import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';

/** The real-world fixtures live outside the repo; SPOKANE_TECH_FIXTURES may point elsewhere. */
export const REAL_FIXTURES_DIR = resolve(
  process.env.SPOKANE_TECH_FIXTURES ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures'),
);

const available = existsSync(join(REAL_FIXTURES_DIR, 'MANIFEST.md'));

/**
 * On the project's CI the fixtures sit beside the clone, so their absence is a broken setup. A CI
 * that cannot have them (GitHub's runners get only this repository) says so with
 * SPOKANE_TECH_FIXTURES_OPTIONAL=1 in its workflow, where a reader sees it.
 */
const optional = process.env.SPOKANE_TECH_FIXTURES_OPTIONAL === '1';

if (!available && process.env.CI === 'true' && !optional) {
  throw new Error(
    `real fixtures are required on CI but missing at ${REAL_FIXTURES_DIR} (set SPOKANE_TECH_FIXTURES_OPTIONAL=1 where they cannot be had)`,
  );
}

/** describe() for tests on the real saved pages and feeds: skipped with a message when absent. */
export const describeRealFixtures = available
  ? describe
  : (name: string, ..._rest: unknown[]) =>
      describe.skip(`${name} (skipped: real fixtures not found at ${REAL_FIXTURES_DIR})`, () => {});

export function realFixture(relativePath: string): Buffer {
  return readFileSync(join(REAL_FIXTURES_DIR, relativePath));
}

export function realFixtureText(relativePath: string): string {
  return realFixture(relativePath).toString('utf8');
}
