// Slider change to redrawn chart, as users feel it: drag a cap slider and read the
// times the UI measures itself (window.__dmPerf.redraw: ms from the input event to
// the charts drawn for it) and the bytes of each edit step (window.__dmPerf.
// stepBytes: request and answer). Measured on the briefing and on a generated
// scenario of 100 contracts over 40 years, each quiet and with one core kept busy
// by a process this spec starts and stops. The figures are reported (median, p95),
// not asserted: budgets are benchmarks, not timed tests (docs: DESIGN.md, Budgets).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifacts, browserSettled, expect, firstChartMs, percentile, reportPerf, repoRoot, test, type DmPerf } from './harness';

// Drags per measurement: the 100-contract scenario redraws more, so fewer fit in
// the time a spec may take on a busy machine.
const briefingDrags = 30;
const largeDrags = 15;
const timeout = 420_000;

type Perf = DmPerf & {
  stepBytes?: number[];
  render?: number[];
  draw?: number[];
  speculated?: number;
  edits?: number;
  speculateBytes?: number;
  missed?: boolean[];
};

function perf(
  page: Page,
): Promise<{ redraw: number; bytes: number; render: number; draw: number; speculated: number; edits: number; speculateBytes: number }> {
  return page.evaluate(() => {
    const p = (window as unknown as { __dmPerf?: Perf }).__dmPerf;
    return {
      redraw: p?.redraw?.length ?? 0,
      bytes: p?.stepBytes?.length ?? 0,
      render: p?.render?.length ?? 0,
      draw: p?.draw?.length ?? 0,
      speculated: p?.speculated ?? 0,
      edits: p?.edits ?? 0,
      speculateBytes: p?.speculateBytes ?? 0,
    };
  });
}

/** busyCore keeps one core busy until stopped: a process that only spins. */
function busyCore(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return;
  const gone = new Promise((ok) => p.once('exit', ok));
  p.kill('SIGKILL');
  await gone;
}

/**
 * dragSlider drags the first slider named by name `drags` times, each drag timed on
 * its own (the next starts once the redraws of the last have stopped), and
 * returns the redraw times and step sizes recorded meanwhile.
 */
async function dragSlider(page: Page, name: RegExp, label: string, drags: number): Promise<void> {
  const slider = page.getByRole('slider', { name }).first();
  // No such slider means the workspace is broken: the wait fails the test.
  await slider.waitFor({ state: 'visible', timeout: 20_000 });
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  expect(box, 'the slider has a size').not.toBeNull();
  const { x, y, width, height } = box!;
  const mid = y + height / 2;
  const before = await perf(page);
  for (let i = 0; i < drags; i++) {
    // From one place on the track to another: left, right, in between.
    const from = x + width * (0.2 + (0.6 * ((i * 7) % 11)) / 10);
    const to = x + width * (0.2 + (0.6 * ((i * 3 + 5) % 11)) / 10);
    const had = (await perf(page)).redraw;
    await page.mouse.move(from, mid);
    await page.mouse.down();
    await page.mouse.move(to, mid, { steps: 4 });
    await page.mouse.up();
    const drawn = await page
      .waitForFunction((n) => ((window as unknown as { __dmPerf?: Perf }).__dmPerf?.redraw?.length ?? 0) > n, had, { timeout: 10_000 })
      .then(() => true, () => false);
    for (let last = -1, now = (await perf(page)).redraw; drawn && now !== last; now = (await perf(page)).redraw) {
      last = now;
      await page.waitForTimeout(150);
    }
    if (!drawn && i >= 2 && (await perf(page)).redraw === before.redraw) {
      throw new Error(`${i + 1} drags of the slider recorded no redraw in window.__dmPerf.redraw`);
    }
  }
  const all = await page.evaluate(() => (window as unknown as { __dmPerf?: Perf }).__dmPerf);
  const times = (all?.redraw ?? []).slice(before.redraw);
  const bytes = (all?.stepBytes ?? []).slice(before.bytes);
  // Where the time went: from the service's answer to the charts drawn (the page's
  // share), and one chart's echarts setOption within it.
  const render = (all?.render ?? []).slice(before.render);
  const draw = (all?.draw ?? []).slice(before.draw);
  // Which redraws waited for a step (no speculation held their position).
  const missed = (all?.missed ?? []).slice(before.redraw);
  expect(times.length, 'redraws were measured while the slider was dragged').toBeGreaterThan(drags / 2);
  reportPerf(`${label}-median`, percentile(times, 50));
  reportPerf(`${label}-p95`, percentile(times, 95));
  // How many edits a speculation showed at once (the steps to the slider's positions).
  const after = await perf(page);
  if (after.edits > before.edits) reportPerf(`${label}-speculated`, (100 * (after.speculated - before.speculated)) / (after.edits - before.edits), '%');
  // Where the tail comes from: the redraws that waited for a step, and the others.
  if (missed.length === times.length) {
    const waited = times.filter((_, i) => missed[i]);
    const held = times.filter((_, i) => !missed[i]);
    reportPerf(`${label}-waited-for-a-step`, waited.length, ' redraws');
    if (waited.length > 0) reportPerf(`${label}-waited-median`, percentile(waited, 50));
    if (held.length > 0) reportPerf(`${label}-speculated-p95`, percentile(held, 95));
  }
  if (render.length > 0) reportPerf(`${label}-answer-to-drawn-median`, percentile(render, 50));
  if (draw.length > 0) reportPerf(`${label}-one-chart-draw-median`, percentile(draw, 50));
  if (bytes.length > 0) {
    reportPerf(`${label}-bytes-per-step-median`, percentile(bytes, 50), 'B');
    reportPerf(`${label}-bytes-per-step-max`, Math.max(...bytes), 'B');
    // The speculations' bytes spread over the steps, and all bytes a step.
    const spec = after.speculateBytes - before.speculateBytes;
    const sum = bytes.reduce((a, b) => a + b, 0);
    reportPerf(`${label}-speculate-bytes-per-step`, spec / bytes.length, 'B');
    reportPerf(`${label}-all-bytes-per-step`, (sum + spec) / bytes.length, 'B');
  }
  console.log(`perf spec: ${label}: ${times.length} redraws and ${bytes.length} steps over ${drags} drags`);
}

/**
 * quietAndBusy drags the first cap slider quiet, then with one core kept busy.
 * Quiet starts once the browser's processes are (a new Chromium window loads its
 * address bar's pages for a second or more of CPU, which a user's browser, open
 * for a while, has long done).
 */
async function quietAndBusy(page: Page, label: string, drags: number): Promise<void> {
  await browserSettled();
  await dragSlider(page, /\bcap\b/i, label, drags);
  const busy = busyCore();
  try {
    await dragSlider(page, /\bcap\b/i, `${label}-busy`, drags);
  } finally {
    await stop(busy);
  }
}

test(
  'briefing: cap slider, quiet and with one core busy',
  async ({ page }) => {
    await firstChartMs(page);
    await page.getByText(/^Briefing/).first().click();
    await quietAndBusy(page, 'slider-redraw', briefingDrags);
  },
  timeout,
);

test(
  '100 contracts over 40 years: cap slider, quiet and with one core busy',
  async ({ page, server }) => {
    const text = readFileSync(join(repoRoot, 'frontend/e2e/fixtures/generated-100.yaml'), 'utf8');
    await server.call('ImportScenario', 'generated-100.yaml', text);
    await page.reload();
    await firstChartMs(page);
    const opened = Date.now();
    await page.getByText(/^Generated 100 contracts/).first().click();
    // The workspace shows it (not the scenario open before) with its inputs.
    await page.getByRole('heading', { level: 1, name: /^Generated 100 contracts/ }).waitFor({ timeout: 60_000 });
    // Its 100 contracts are listed collapsed: open the first revenue share.
    await page.getByRole('button', { name: 'Show the inputs of Revenue share 0' }).click();
    await page.getByRole('slider', { name: /\bcap\b/i }).first().waitFor({ state: 'visible', timeout: 30_000 });
    reportPerf('open-100-contracts', Date.now() - opened);
    await page.screenshot({ path: join(artifacts, 'perf--100-contracts-opened.png') });
    await quietAndBusy(page, 'slider-redraw-100', largeDrags);
  },
  timeout,
);
