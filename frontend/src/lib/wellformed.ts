// Half a UTF-16 surrogate pair without its other half names no character. A
// JavaScript string can hold one (pasted or made by a script); JSON carries it as
// \ud800, and the Go side would quietly read U+FFFD instead. Calls refuse it here,
// saying where, as the browser mode's server and the scenario files do.

import { ServiceError } from './failure';

/** loneAt is the index of the first lone surrogate in s, or -1 (a loop, not a
 * regular expression: lookbehind is missing from older WebKitGTK). */
function loneAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** loneSurrogate returns a message for the first lone surrogate in value's strings, or null. */
export function loneSurrogate(value: unknown, where = 'the text'): string | null {
  if (typeof value === 'string') {
    const at = loneAt(value);
    if (at < 0) return null;
    const unit = value.charCodeAt(at).toString(16).toUpperCase();
    const before = [...value.slice(0, at)].length;
    return `${where} holds U+${unit} at character ${before + 1}: half of a UTF-16 surrogate pair without its other half, which names no character; type or paste the character again`;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const msg = loneSurrogate(v, where);
      if (msg) return msg;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const msg = loneSurrogate(v, where);
      if (msg) return msg;
    }
  }
  return null;
}

/** wellFormed wraps each function of a bound service so that a call whose arguments hold a lone surrogate is refused. */
export function wellFormed<T extends object>(service: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(service)) {
    out[name] =
      typeof fn === 'function'
        ? (...args: unknown[]) => {
            const msg = loneSurrogate(args);
            return msg ? Promise.reject(new ServiceError(msg.charAt(0).toUpperCase() + msg.slice(1), 'invalid')) : fn(...args);
          }
        : fn;
  }
  return out as T;
}
