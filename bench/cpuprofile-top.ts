import { readFileSync } from 'node:fs';

// `tsx bench/cpuprofile-top.ts FILE.cpuprofile [N] [FROM-TO]`: the functions with the most self
// time in a V8 CPU profile (as written by `node --cpu-prof`), and the same summed by package or
// file, so a profile can be read without DevTools. FROM-TO (seconds since the profile began, say
// 12-30) keeps only that stretch, one phase of a build; `--timeline` prints, for each second,
// the package that took most of it.

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const timeline = args.includes('--timeline');
const [file, countArg, windowArg] = args.filter((a) => a !== '--timeline');
if (!file) {
  console.error('usage: tsx bench/cpuprofile-top.ts FILE.cpuprofile [N] [FROM-TO] [--timeline]');
  process.exit(2);
}
const limit = Number(countArg ?? 25);
const [from, to] = (windowArg ?? '0-Infinity').split('-').map((s) => Number(s) * 1e6) as [number, number];
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time per node: each sample's delta goes to the node sampled.
const selfUs = new Map<number, number>();
const bySecond = new Map<number, Map<string, number>>();
let at = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (at < from || at > to) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  const second = Math.floor(at / 1e6);
  const frame = nodeById.get(id)!.callFrame;
  const counts = bySecond.get(second) ?? new Map<string, number>();
  counts.set(owner(frame.url, frame.functionName), (counts.get(owner(frame.url, frame.functionName)) ?? 0) + delta);
  bySecond.set(second, counts);
});
const total = Math.min(to, profile.endTime - profile.startTime) - from;

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = shortUrl(url);
  const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byOwner.set(owner(url, functionName), (byOwner.get(owner(url, functionName)) ?? 0) + us);
}

const print = (title: string, entries: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`  ${(us / 1e6).toFixed(2).padStart(7)} s ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled${windowArg ? ` (${windowArg} s)` : ''}`);
if (timeline) {
  for (const [second, counts] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`  ${String(second).padStart(4)} s  ${top.map(([name, us]) => `${name} ${Math.round(us / 1e4)}%`).join(', ')}`);
  }
}
print('self time by function', byFunction, limit);
print('self time by package or file', byOwner, 15);

function shortUrl(url: string): string {
  const at = url.lastIndexOf('node_modules/');
  if (at !== -1) return url.slice(at + 'node_modules/'.length);
  return url.replace(/^file:\/\/.*?\/(src|site|bench)\//, '$1/');
}

function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const at = url.lastIndexOf('node_modules/');
  if (at !== -1) {
    const rest = url.slice(at + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node: (core)';
  return shortUrl(url);
}
