// Formatting of amounts and periods for people. The engine computes exact decimals;
// the UI only formats them. Amounts arrive two ways: exact decimal strings from the
// summary ("38000000000.00") and numbers in chart data (dollars, for drawing).

const units: ReadonlyArray<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/**
 * formatCompact writes an amount in dollars the short way, for axis labels and key
 * figures: 12_345_000_000 → "$12.3B", -850_000_000 → "-$850M", 0 → "$0".
 * `digits` is the most decimals kept; trailing zeros are dropped ("$10B").
 */
export function formatCompact(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  for (const [size, suffix] of units) {
    // Round first, so 999.96M reads "$1B", not "$1000M".
    const scaled = round(abs / size, digits);
    if (scaled >= 1) {
      if (scaled >= 1000 && suffix !== 'T') continue;
      return `${sign}$${trim(scaled.toFixed(digits))}${suffix}`;
    }
  }
  const small = round(abs, digits);
  if (small === 0) return '$0';
  return `${sign}$${trim(small.toFixed(digits))}`;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// Made on first use: the page's first Intl object loads the locale data, which
// takes 50-250 ms in a fresh browser page, and the first screen needs none.
let exact: Intl.NumberFormat | null = null;

/**
 * formatExact writes a chart value in full, to the cent, for tooltips:
 * 38_000_000_000 → "$38,000,000,000.00".
 */
export function formatExact(value: number): string {
  if (!Number.isFinite(value)) return '—';
  exact ??= new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const s = exact.format(value);
  return s === '-$0.00' ? '$0.00' : s;
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * formatDecimal writes an exact decimal string from the engine in full without ever
 * going through a float: "-1234567.5" → "-$1,234,567.50". Digits past the cents are
 * kept as given (the engine rounds, the UI does not).
 */
export function formatDecimal(value: string): string {
  const m = decimalPattern.exec(value.trim());
  if (!m) return value;
  const [, sign, whole, frac = ''] = m;
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = frac.padEnd(2, '0');
  const zero = /^0*$/.test(whole) && /^0*$/.test(cents);
  return `${zero ? '' : sign}$${grouped}.${cents}`;
}

/** compactDecimal writes an exact decimal string the short way: "38000000000.00" → "$38B". */
export function compactDecimal(value: string, digits = 1): string {
  const n = Number(value);
  return Number.isNaN(n) ? value : formatCompact(n, digits);
}
