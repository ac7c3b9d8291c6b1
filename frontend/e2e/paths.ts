// Where the end-to-end run finds the app and Chromium and puts what it keeps. Apart
// from harness.ts because the global setup, which runs outside the tests, needs them
// too and must not load vitest's test API.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The app binary under test. */
export const binary = process.env.DEALMODEL_BIN
  ? resolve(process.env.DEALMODEL_BIN)
  : join(repoRoot, 'build', 'bin', 'dealmodel');

/** Debian's Chromium; CHROMIUM names another. */
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

/** Where screenshots and the perf record go. */
export const artifacts = (() => {
  const a = process.env.ARTIFACTS;
  if (!a) return join(repoRoot, 'artifacts', 'e2e');
  return isAbsolute(a) ? a : resolve(process.cwd(), a);
})();

/** The file the perf figures of one run are collected in (see reportPerf). */
export const perfFile = join(artifacts, 'perf.jsonl');

