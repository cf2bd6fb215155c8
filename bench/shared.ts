// What the benchmark scripts share: their options, medians, and tables on the terminal.

const args = process.argv.slice(2);

/** The value after `--name` on the command line, or undefined. */
export function optionValue(name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

/** Whether `--name` is on the command line. */
export function hasFlag(name: string): boolean {
  return args.includes(name);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rows as aligned columns: the first `textColumns` to the left, the figures to the right. */
export function printTable(rows: string[][], textColumns = 1): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)) + 2);
  for (const row of rows) console.log(`  ${row.map((cell, c) => (c < textColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('')}`);
}
