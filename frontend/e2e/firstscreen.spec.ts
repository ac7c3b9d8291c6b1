// The first screen at 1280×720: the title, every key figure and the main chart are
// in view without scrolling, even when the assumptions panel was left open last
// time; input names are shown whole, never cut.
import type { Page } from 'playwright-core';
import { expect, firstChartMs, test } from './harness';

/** bottom of the first element matching sel, in CSS pixels from the viewport top. */
async function bottom(page: Page, sel: string): Promise<number> {
  return page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().bottom);
}

async function firstScreenHolds(page: Page): Promise<void> {
  await firstChartMs(page);
  await expect.poll(() => page.locator('.figure').count()).toBeGreaterThan(5);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Briefing/);
  // Every card, and the whole of the first chart.
  const cards = await page.locator('.figure').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
  for (const b of cards) expect(b).toBeLessThanOrEqual(720);
  expect(await bottom(page, '.charts figure')).toBeLessThanOrEqual(720);
  // The assumptions panel is there, as its one-line summary.
  await expect.poll(() => page.locator('[data-testid=assumptions]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`title, key figures and main chart fit 1280×720 (${colorScheme})`, async ({ newPage }) => {
    const page = await newPage({ colorScheme, viewport: { width: 1280, height: 720 } });
    await firstScreenHolds(page);
  });
}

test('the assumptions panel left open opens collapsed on a short window, and open on a tall one', async ({ newPage }) => {
  const page = await newPage({ viewport: { width: 1280, height: 720 } });
  await firstChartMs(page);
  await page.locator('[data-testid=assumptions] summary').click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('dealmodel.assumptions.open'))).toBe('1');
  // Opened at this height, it scrolls within itself and leaves the cards in view.
  const cards = await page.locator('.figure').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
  for (const b of cards) expect(b).toBeLessThanOrEqual(720);
  await page.reload();
  await firstScreenHolds(page);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await firstChartMs(page);
  await expect.poll(() => page.locator('[data-testid=assumptions]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
});

test('input names are shown whole', async ({ newPage }) => {
  const page = await newPage({ viewport: { width: 1280, height: 720 } });
  await firstChartMs(page);
  await expect.poll(() => page.locator('.number label').count()).toBeGreaterThan(10);
  const cut = await page.locator('.number label').evaluateAll((els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent),
  );
  expect(cut).toEqual([]);
  const growth = page.locator('.number label', { hasText: /^Growth from 2031$/ }).first();
  await expect.poll(() => growth.isVisible()).toBe(true);
});
