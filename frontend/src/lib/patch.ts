// The lean edit path's answers: a patch of the evaluation and of the document. A
// patch is applied without touching the original: every object and array on the
// way to a change is copied, everything else is shared, so that the page redraws
// only the parts that changed (a chart, an input, a figure), which keep their
// identity otherwise.

import type { app } from '../../wailsjs/go/models';

export type Key = string | number;
/** [path, value] sets the value at path; [path] deletes it. */
export type Op = [Key[], unknown?];

/** Lines [at, at+del) of a document replaced with ins; len and sum check the result. */
export type DocPatch = app.DocPatch;

type Container = Record<string, unknown> | unknown[];

function copy(v: unknown): Container {
  if (Array.isArray(v)) return v.slice();
  if (v !== null && typeof v === 'object') return { ...(v as Record<string, unknown>) };
  throw new Error('a patch reaches into a value that is not an object or an array');
}

/** applyPatch returns root with the ops applied, sharing what they leave alone. */
export function applyPatch<T>(root: T, ops: readonly Op[]): T {
  let out: unknown = root;
  // The containers copied by this patch: changed in place by the ops that follow.
  const fresh = new Set<unknown>();
  for (const [path, ...rest] of ops) {
    const del = rest.length === 0;
    const value = rest[0];
    if (path.length === 0) {
      out = value;
      continue;
    }
    if (!fresh.has(out)) {
      out = copy(out);
      fresh.add(out);
    }
    let parent = out as Container;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i];
      let child = (parent as Record<Key, unknown>)[k];
      if (!fresh.has(child)) {
        child = copy(child);
        fresh.add(child);
        (parent as Record<Key, unknown>)[k] = child;
      }
      parent = child as Container;
    }
    const last = path[path.length - 1];
    if (del) {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last as string];
    } else {
      (parent as Record<Key, unknown>)[last] = value;
    }
  }
  return out as T;
}

/** applyDocPatch replaces the patch's run of lines. */
export function applyDocPatch(doc: string, p: DocPatch): string {
  const lines = doc.split('\n');
  lines.splice(p.at, p.del, ...p.ins);
  return lines.join('\n');
}

/** docSum is the FNV-1a hash of a string's UTF-16 code units, as the service computes it. */
export function docSum(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
