// Opt-in phase timings for `spokane-tech build`: with SPOKANE_TECH_TIMINGS=1 each phase's wall
// time goes to stderr as `timing: <phase> <seconds> s`, one line each, for `npm run bench:build`,
// with the heap in use and the resident memory when it ended.

export function timed<T>(phase: string, run: () => T): T {
  if (process.env.SPOKANE_TECH_TIMINGS !== '1') return run();
  const started = performance.now();
  const report = () => {
    const { heapUsed, rss } = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    process.stderr.write(`timing: ${phase} ${((performance.now() - started) / 1000).toFixed(3)} s (heap ${mb(heapUsed)} MB, rss ${mb(rss)} MB)\n`);
  };
  const result = run();
  if (result instanceof Promise) return result.finally(report) as T;
  report();
  return result;
}
