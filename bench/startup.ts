import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, optionValue, printTable } from './shared.ts';

// `npm run bench:startup`: how long the installed command takes before it does any work, against
// bare Node. Each command runs `--runs` times (default 5, after one warm-up run); medians.

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'bin.js');
const RUNS = Number(optionValue('--runs') ?? 5);

const COMMANDS: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['spokane-tech --version', [BIN, '--version']],
  ['spokane-tech --help', [BIN, '--help']],
  ['spokane-tech check', [BIN, 'check', '--config', join(ROOT, 'sources.yaml')]],
];

function secondsFor(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore', cwd: ROOT });
  return (performance.now() - started) / 1000;
}

const rows = [['command', 'median', 'min', 'max']];
for (const [name, args] of COMMANDS) {
  secondsFor(args);
  const times = Array.from({ length: RUNS }, () => secondsFor(args));
  rows.push([name, `${median(times).toFixed(3)} s`, `${Math.min(...times).toFixed(3)} s`, `${Math.max(...times).toFixed(3)} s`]);
}
console.log(`start-up, ${RUNS} runs each (node ${process.version})`);
printTable(rows);
