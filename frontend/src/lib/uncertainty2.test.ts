import { describe, expect, it } from 'vitest';
import { bernoulliEdit, correlationsEdit, defaultValues, discreteEdit, formatByKind, probabilitySum, quarterText, tsv } from './uncertainty2';

describe('uncertainty v2 edits', () => {
  it('writes correlation groups as the service reads them', () => {
    const e = correlationsEdit([{ inputs: ['a', 'b'], rho: 0.8000001 }]);
    expect(e.op).toBe('correlations');
    expect(JSON.parse(e.value)).toEqual([{ inputs: ['a', 'b'], rho: '0.8' }]);
  });
  it('writes bernoulli and discrete distributions', () => {
    expect(JSON.parse(bernoulliEdit('x', 0.6).value)).toEqual({ dist: 'bernoulli', p: ['60%'] });
    expect(JSON.parse(discreteEdit('x', [{ value: ' 25B', p: '40%' }, { value: '38B', p: '60%' }]).value)).toEqual({
      dist: 'discrete',
      values: ['25B', '38B'],
      p: ['40%', '60%'],
    });
  });
  it('adds probabilities', () => {
    expect(probabilitySum(['30%', '0.3', '40%'])).toBe(1);
    expect(probabilitySum(['30%', 'x'])).toBeNaN();
  });
  it('formats samples by kind', () => {
    expect(quarterText(2029 * 4 + 1)).toBe('2029Q2');
    expect(formatByKind('rate', 0.2)).toBe('20%');
    expect(formatByKind('year', 2028 * 4)).toBe('2028');
  });
  it('proposes values and copies tables', () => {
    expect(defaultValues('amount', '38B')).toBe('19B..57B:5');
    expect(defaultValues('rate', '20%')).toBe('10%..30%:5');
    expect(tsv('y \\ x', ['1', '2'], ['a'], [['3', '4']])).toBe('y \\ x\t1\t2\na\t3\t4\n');
  });
});
