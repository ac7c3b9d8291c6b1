import { describe, expect, it } from 'vitest';
import { afterDelay, base64Bytes } from './download';

describe('download', () => {
  it('decodes base64 to the exact bytes', () => {
    expect(Array.from(base64Bytes(btoa('%PDF-1.3\n')))).toEqual(Array.from(new TextEncoder().encode('%PDF-1.3\n')));
    expect(base64Bytes('').length).toBe(0);
  });

  it('runs delayed work unless cancelled', async () => {
    let ran = 0;
    afterDelay(1, () => ran++);
    const cancel = afterDelay(1, () => ran++);
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(1);
  });
});
