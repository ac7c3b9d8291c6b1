// Input helpers: the text a slider position stands for, in the format's syntax, and
// a first check of what the user types, so that a typo is answered at once, in
// place. The service checks again (ranges, rules across fields) and has the last
// word; nothing here computes.

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

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * sliderText writes a slider position in the format's syntax, to the precision of
 * the slider's step: amounts with the suffix of the step's scale (41.2B), rates as
 * percentages (18.5%), whole and plain numbers as they are.
 */
export function sliderText(kind: Kind, value: number, step: number): string {
  switch (kind) {
    case 'amount': {
      if (value === 0) return '0';
      const abs = Math.max(Math.abs(value), step);
      for (const [size, suffix] of suffixes) {
        if (abs >= size) {
          const d = decimalsOf(step / size);
          return trimZeros((value / size).toFixed(d)) + suffix;
        }
      }
      return trimZeros(value.toFixed(decimalsOf(step)));
    }
    case 'rate':
      return trimZeros((value * 100).toFixed(Math.max(0, decimalsOf(step) - 2))) + '%';
    case 'integer':
      return String(Math.round(value));
    default:
      return trimZeros(value.toFixed(decimalsOf(step)));
  }
}

const amountPattern = /^-?\$?(?:\d[\d_]*)?(?:\.\d+)?(?:e[+-]?\d+)?[kmbt]?$/i;
const numberPattern = /^-?(?:\d[\d_]*)?(?:\.\d+)?(?:e[+-]?\d+)?$/i;

function hasDigit(s: string): boolean {
  return /\d/.test(s);
}

/**
 * checkText says what is wrong with the text typed for an input of the kind, in
 * the words the service would use, or returns null when it reads. Ranges and rules
 * across fields are left to the service.
 */
export function checkText(kind: Kind, text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Enter a value.';
  switch (kind) {
    case 'amount':
      if (!amountPattern.test(t) || !hasDigit(t)) {
        return 'Not an amount: write a number such as 13000000000, or with a suffix such as 50B, $1.5T, 250M.';
      }
      return null;
    case 'rate': {
      const pct = t.endsWith('%');
      const body = pct ? t.slice(0, -1).trim() : t;
      if (!numberPattern.test(body) || !hasDigit(body)) {
        return 'Not a rate: write a percentage such as 20% or a fraction such as 0.2.';
      }
      if (!pct && Math.abs(Number(body.replace(/_/g, ''))) > 1) {
        return `${body} would be ${Number(body) * 100}%: write ${body}% for ${body} percent.`;
      }
      return null;
    }
    case 'integer':
      return /^\d+$/.test(t) ? null : 'Not a whole number: write a number such as 7.';
    case 'number':
      return numberPattern.test(t) && hasDigit(t) ? null : 'Not a number: write a plain number such as 2 or 0.5.';
    case 'quarter':
      return parseQuarter(t) === null ? 'Not a quarter: write a year and a quarter 1..4, such as 2026Q3.' : null;
  }
  return null;
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
