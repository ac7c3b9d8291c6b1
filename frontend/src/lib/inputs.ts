// Input helpers: the text a slider position stands for, in the format's syntax, and
// quarters. What people type into a number field is read by the service
// (CheckInput: one parser by kind, in Go); nothing here computes.

export type Kind = 'amount' | 'rate' | 'integer' | 'number' | 'quarter' | 'toggle';

const suffixes: ReadonlyArray<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** decimalsOf is how many decimals a step needs: 0.05 → 2, 5 → 0. */
export function decimalsOf(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  for (let d = 0; d <= 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 12;
}

/** trimZeros drops the zeros after a decimal point, and the point if only zeros follow it. */
function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return s.slice(0, end);
}

/**
 * sliderText writes a slider position in the format's syntax, to the precision of
 * the slider's step: amounts with the suffix of the step's scale (41.2B), rates as
 * percentages (18.5%), whole and plain numbers as they are.
 */
export function sliderText(kind: Kind, value: number, step: number): string {
  return sliderFormat(kind, step)(value);
}

/**
 * sliderFormat is sliderText for one kind and step, with the decimals worked out
 * once: when the pointer reaches a slider, the texts of a few hundred positions are
 * written at once, just before a drag starts.
 */
export function sliderFormat(kind: Kind, step: number): (value: number) => string {
  switch (kind) {
    case 'amount': {
      const decimals = suffixes.map(([size]) => decimalsOf(step / size));
      const plain = decimalsOf(step);
      return (value) => {
        if (value === 0) return '0';
        const abs = Math.max(Math.abs(value), step);
        for (let i = 0; i < suffixes.length; i++) {
          const [size, suffix] = suffixes[i];
          if (abs >= size) return trimZeros((value / size).toFixed(decimals[i])) + suffix;
        }
        return trimZeros(value.toFixed(plain));
      };
    }
    case 'rate': {
      const d = Math.max(0, decimalsOf(step) - 2);
      return (value) => trimZeros((value * 100).toFixed(d)) + '%';
    }
    case 'integer':
      return (value) => String(Math.round(value));
    default: {
      const d = decimalsOf(step);
      return (value) => trimZeros(value.toFixed(d));
    }
  }
}

/** quarterIndex is the service's number for a quarter: year*4 + quarter - 1. */
export function quarterIndex(year: number, q: number): number {
  return year * 4 + q - 1;
}

/** quarterText writes a quarter number as 2026Q3. */
export function quarterText(index: number): string {
  const year = Math.floor(index / 4);
  return `${year}Q${index - year * 4 + 1}`;
}

/** parseQuarter reads 2026Q3 (or 2026q3) into its number, or null. */
export function parseQuarter(text: string): number | null {
  const m = /^(\d{4})\s*[qQ]([1-4])$/.exec(text.trim());
  return m ? quarterIndex(Number(m[1]), Number(m[2])) : null;
}

/** clamp keeps a value inside a slider's range. */
export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
