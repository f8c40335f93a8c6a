// A displayed table as fixed-width text, for the command line.
import type { TableValue } from '../protocol/runtime-api.ts';

export function formatTable(table: TableValue): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  const rows = [line(table.columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...table.rows.map(line)];
  const more = table.totalRows - table.rows.length;
  if (more > 0) rows.push(`... ${more} more row${more === 1 ? '' : 's'}`);
  return rows.join('\n');
}
