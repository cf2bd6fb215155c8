import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every test run gets one temporary folder, and every scratch folder a test or a command it runs
// makes goes inside it (os.tmpdir() follows TMPDIR): removed whole when the run ends, so runs
// never pile up stores and sites in the system's temporary folder.
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
