// Uncertainty v2 in the UI: correlation groups and event distributions as edits,
// the formatters of the samples' scatter and of the two-way table's heatmap.

import type { Edit } from './api';
import { decorate, type Option, type Theme } from './chartOptions';
import { formatCompact, formatExact } from './format';
import { formatPercent } from './uncertainty';

/** A correlation group as the editor holds it. */
export interface Group {
  inputs: string[];
  rho: number;
}

export const correlationsPath = 'uncertainty.correlations';

/** correlationsEdit is the edit that replaces every group with groups. */
export function correlationsEdit(groups: Group[]): Edit {
  const value = JSON.stringify(groups.map((g) => ({ inputs: g.inputs, rho: rhoText(g.rho) })));
  return { op: 'correlations', path: correlationsPath, value };
}

/** rhoText writes a correlation as the file does: 0.8, -0.25, 1. */
export function rhoText(rho: number): string {
  return String(Math.round(rho * 100) / 100);
}

/** bernoulliEdit sets an input to keep its value with probability p (0..1). */
export function bernoulliEdit(path: string, p: number): Edit {
  return { op: 'distribution', path, value: JSON.stringify({ dist: 'bernoulli', p: [`${Math.round(p * 1000) / 10}%`] }) };
}

/** A discrete input's value and its probability, as typed. */
export interface Pair {
  value: string;
  p: string;
}

/** discreteEdit sets an input's discrete values and probabilities. */
export function discreteEdit(path: string, pairs: Pair[]): Edit {
  return {
    op: 'distribution',
    path,
    value: JSON.stringify({ dist: 'discrete', values: pairs.map((x) => x.value.trim()), p: pairs.map((x) => x.p.trim()) }),
  };
}

/** probabilitySum adds percentages typed as "30%" or fractions "0.3"; NaN if one does not read. */
export function probabilitySum(ps: string[]): number {
  let sum = 0;
  for (const t of ps) {
    const s = t.trim();
    const v = s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s);
    if (s === '' || !Number.isFinite(v)) return NaN;
    sum += v;
  }
  return Math.round(sum * 1e9) / 1e9;
}

/** formatByKind writes a sample value for an axis: $12.3B, 20%, 2029Q2. */
export function formatByKind(kind: string, v: number, exact = false): string {
  switch (kind) {
    case 'rate':
      return formatPercent(v, exact ? 2 : 1);
    case 'quarter':
      return quarterText(v);
    case 'year':
      return quarterText(v).slice(0, 4);
    case 'integer':
      return String(Math.round(v));
    case 'number':
      return String(Math.round(v * 1000) / 1000);
  }
  return exact ? formatExact(v) : formatCompact(v);
}

/** quarterText writes a quarter number (year·4 + quarter−1, as backend/scenario) as 2029Q2. */
export function quarterText(q: number): string {
  const n = Math.round(q);
  return `${Math.floor(n / 4)}Q${(((n % 4) + 4) % 4) + 1}`;
}

function objects(v: unknown): Record<string, unknown>[] {
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
}

/** decorateScatter adds the axes' and tooltip's formatters by the columns' kinds. */
export function decorateScatter(option: Option, xKind: string, yKind: string, theme: Theme): Option {
  const o = decorate(option, theme);
  for (const x of objects(o.xAxis)) x.axisLabel = { formatter: (v: number) => formatByKind(xKind, v), hideOverlap: true };
  for (const y of objects(o.yAxis)) y.axisLabel = { formatter: (v: number) => formatByKind(yKind, v) };
  o.tooltip = {
    ...(o.tooltip as object),
    trigger: 'item',
    formatter: (p: { value?: number[] }) =>
      p.value ? `${formatByKind(xKind, p.value[0], true)} → ${formatByKind(yKind, p.value[1], true)}` : '',
  };
  return o;
}

interface CellParams {
  data?: { name?: string; exact?: string; base?: boolean };
}

/** decorateHeatmap labels each cell with its figure and gives the exact one on hover. */
export function decorateHeatmap(option: Option, theme: Theme, xLabel: string, yLabel: string): Option {
  const o = decorate(option, theme);
  for (const y of objects(o.yAxis)) y.axisLabel = {};
  for (const s of objects(o.series)) {
    s.label = {
      show: true,
      fontSize: 11,
      color: theme === 'dark' ? '#0b0d10' : '#1d232b',
      formatter: (p: CellParams) => (p.data?.base ? `★ ${p.data?.name ?? ''}` : (p.data?.name ?? '')),
    };
  }
  o.tooltip = {
    ...(o.tooltip as object),
    trigger: 'item',
    valueFormatter: undefined,
    formatter: (p: CellParams & { value?: number[] }) => {
      const v = p.value ?? [];
      const axes = o as { xAxis?: { data?: string[] }[]; yAxis?: { data?: string[] }[] };
      const x = axes.xAxis?.[0]?.data?.[v[0]] ?? '';
      const y = axes.yAxis?.[0]?.data?.[v[1]] ?? '';
      const exact = p.data?.exact || 'never';
      return `${xLabel} ${x}, ${yLabel} ${y}: <b>${exact}</b>${p.data?.base ? ' (the scenario as it is)' : ''}`;
    },
  };
  return o;
}

/** tsv writes the table's exact figures for pasting into a spreadsheet. */
export function tsv(corner: string, xs: string[], ys: string[], cells: string[][]): string {
  const rows = [[corner, ...xs].join('\t')];
  ys.forEach((y, i) => rows.push([y, ...cells[i]].join('\t')));
  return rows.join('\n') + '\n';
}

/** defaultValues proposes an axis's values around a field's value: five from half to one and a half times it. */
export function defaultValues(kind: string, value: string): string {
  const m = /^\$?(-?[0-9.]+)\s*([KMBT%]?)$/i.exec(value.trim());
  if (!m) return value;
  const n = Number(m[1]);
  const unit = m[2];
  if (!Number.isFinite(n) || n === 0) return value;
  if (kind === 'integer') return `${Math.max(1, Math.round(n - 2))}..${Math.round(n + 2)}:5`;
  const lo = Math.round(n * 0.5 * 100) / 100;
  const hi = Math.round(n * 1.5 * 100) / 100;
  return `${lo}${unit}..${hi}${unit}:5`;
}
