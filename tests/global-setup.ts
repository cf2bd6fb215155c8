import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Before any test: the tests that run the installed command run dist/, so it is compiled from
// the sources being tested (incrementally: a second run with nothing changed costs a second).
//
// Every test run gets one temporary folder, and every scratch folder a test or a command it runs
// makes goes inside it (os.tmpdir() follows TMPDIR): removed whole when the run ends, so runs
// never pile up stores and sites in the system's temporary folder.
export default function setup(): () => void {
  const root = join(import.meta.dirname, '..');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

  const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
