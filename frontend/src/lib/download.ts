// Files the service hands to the page (the browser mode has no save dialog): the
// bytes arrive base64-encoded and are saved through a temporary download link.

/** base64Bytes decodes base64 text to bytes. */
export function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const bin = atob(data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * download saves bytes as a file through the browser: a Blob behind a temporary
 * <a download>, clicked and removed; the object URL is released once the browser
 * has taken it.
 */
export function download(filename: string, mime: string, data: string): void {
  const blob = new Blob([base64Bytes(data)], { type: mime || 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** afterDelay runs fn after ms unless cancelled: progress shown only for slow work. */
export function afterDelay(ms: number, fn: () => void): () => void {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
}
