/** Prints a benchmark's figures as an aligned table (and JSON for records). */
export function printTable(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

export const ms = (n: number) => `${n.toFixed(0)} ms`;
export const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
export const num = (n: number) => Math.round(n).toLocaleString('en-US');
