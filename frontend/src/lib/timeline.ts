// A contract's or stream's dated events (format v2) as the timeline edits them:
// which path each edit goes to, what may be added, where each event sits on the
// strip. The service does the editing (scenario.SetDate/SetText/SetInput/Remove
// by path); this only names the paths.

import type { Edit, Input } from './api';

/** An event as the service lists it in an input group (app.Event). */
export interface TimelineEvent {
  path: string;
  quarter: string;
  kind: string;
  what: string;
  note: string;
  sources: string[];
  lapsed: boolean;
}

/** The paths an event's parts are edited at; undefined: not editable. */
export interface EventPaths {
  /** A quarter edit moves the event (a change, a tranche's at, a deadline, a gw key, cap_from, a valuation mark, a reported quarter). */
  quarter?: string;
  /** A change's note, a tranche's condition. */
  note?: string;
  /** A change's or a tranche's sources (one a line). */
  source?: string;
  /** A remove edit takes the event out (a tranche's deadline: the deadline only). */
  remove?: string;
  /** The event's numeric inputs start with this (changes.<q>.rate, tranches.<id>.amount). */
  inputs?: string;
}

/** The tranche an event of a tranche belongs to: contracts.x.tranches.<id>. */
function tranchePath(path: string): string {
  return path.replace(/\.expires$/, '');
}

export function eventPaths(e: TimelineEvent): EventPaths {
  switch (e.kind) {
    case 'change':
      return { quarter: e.path, note: `${e.path}.note`, source: `${e.path}.source`, remove: e.path, inputs: `${e.path}.` };
    case 'tranche':
      return { quarter: `${e.path}.at`, note: `${e.path}.condition`, source: `${e.path}.source`, remove: e.path, inputs: `${e.path}.` };
    case 'deadline':
      return { quarter: e.path, note: `${tranchePath(e.path)}.condition`, remove: e.path };
    case 'ramp':
    case 'cap_from':
    case 'mark':
      return { quarter: e.path, remove: e.path };
    case 'actual':
      return { quarter: e.path, remove: e.path, inputs: e.path };
  }
  return {};
}

const quarterRe = /^(\d{4})(?:Q([1-4]))?$/i;

/** quarterNumber reads 2026Q2 (or a bare year, its first quarter) as year*4 + q - 1; NaN otherwise. */
export function quarterNumber(q: string): number {
  const m = quarterRe.exec(q.trim());
  if (!m) return NaN;
  return Number(m[1]) * 4 + (m[2] ? Number(m[2]) - 1 : 0);
}

/** The edit that adds a dated change of a term (the service adds the change, or the term to it). */
export function addChange(group: string, quarter: string, term: string, value: string): Edit {
  return { op: 'set', path: `${group}.changes.${quarter.trim().toUpperCase()}.${term}`, value };
}

/** The edit that adds a tranche (paid in the quarter of the last one until its quarter is set). */
export function addTranche(group: string, id: string, amount: string): Edit {
  return { op: 'set', path: `${group}.tranches.${id.trim()}.amount`, value: amount };
}

/** The edit that adds a stream's reported quarter. */
export function addActual(group: string, quarter: string, amount: string): Edit {
  return { op: 'set', path: `${group}.actuals.${quarter.trim().toUpperCase()}`, value: amount };
}

/** The edit that adds a valuation mark to a stake valued by marks (a new round or sale). */
export function addMark(group: string, quarter: string, valuation: string): Edit {
  return { op: 'set', path: `${group}.valuation.marks.${quarter.trim().toUpperCase()}`, value: valuation };
}

/** The edit that adds a step to a capacity ramp. */
export function addRampStep(group: string, quarter: string, gw: string): Edit {
  return { op: 'set', path: `${group}.gw.${quarter.trim().toUpperCase()}`, value: gw };
}

/** Whether an input is drawn in the timeline rather than in the group's list (a change's or a tranche's values). */
export function inTimeline(input: Input): boolean {
  return /\.(changes|tranches)\./.test(input.path);
}

/** A point of the strip: where an event sits between the first and the last quarter (0..1). */
export interface StripPoint {
  x: number;
  quarter: string;
  kinds: string[];
  label: string;
}

/**
 * strip places the events on a line from the first quarter to the last, one point a
 * quarter (events of one quarter share it, their labels joined).
 */
export function strip(events: TimelineEvent[]): StripPoint[] {
  const byQuarter = new Map<string, TimelineEvent[]>();
  for (const e of events) {
    if (Number.isNaN(quarterNumber(e.quarter))) continue;
    byQuarter.set(e.quarter, [...(byQuarter.get(e.quarter) ?? []), e]);
  }
  const quarters = [...byQuarter.keys()].sort((a, b) => quarterNumber(a) - quarterNumber(b));
  if (quarters.length === 0) return [];
  const lo = quarterNumber(quarters[0]);
  const span = quarterNumber(quarters[quarters.length - 1]) - lo;
  return quarters.map((q) => {
    const list = byQuarter.get(q) ?? [];
    return {
      x: span === 0 ? 0.5 : (quarterNumber(q) - lo) / span,
      quarter: q,
      kinds: [...new Set(list.map((e) => e.kind))],
      label: `${q}: ${list.map((e) => e.what).join('; ')}`,
    };
  });
}

/** The problem of an event: one at its path or at a path under it. */
export function eventProblem(e: TimelineEvent, problems: Record<string, string>): string | undefined {
  const p = eventPaths(e);
  for (const path of [e.path, p.quarter, p.note, p.source, p.remove]) {
    if (path && problems[path]) return problems[path];
  }
  return undefined;
}
