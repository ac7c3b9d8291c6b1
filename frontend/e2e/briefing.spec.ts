// What a briefing needs to be read right: what is reported and what is assumed, in a
// panel under the title, and "Unconfirmed" on the key figures that rest on what the
// parties have not confirmed (the same reading of the sources as the PDF's caveats).
import type { Page } from 'playwright-core';
import { describe, expect, firstChartMs, test } from './harness';

function card(page: Page, label: string) {
  return page.locator('.figure', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
}

async function openBriefing(page: Page): Promise<void> {
  await firstChartMs(page);
  await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name: /^Briefing: OpenAI's deals/ }).first().click();
  await expect.poll(() => card(page, 'Saved by the cap').locator('.value').textContent()).toBe('$70.64B');
}

describe('the assumptions panel', () => {
  test('says what is reported, unconfirmed and assumed, and badges the figures resting on the unconfirmed cap', async ({ page }) => {
    await openBriefing(page);
    const panel = page.getByTestId('assumptions');
    const summary = panel.locator('summary');
    expect(await summary.textContent()).toMatch(/3 unconfirmed\s*11 assumed · 21 reported\s*· facts as of 26 June 2026/);
    // Closed until asked: the figures stay on the first screen.
    expect(await panel.getAttribute('open')).toBeNull();
    await summary.click();
    const unconfirmed = panel.getByRole('region', { name: 'Reported but not confirmed' });
    expect(await unconfirmed.locator('h3').allTextContents()).toEqual(['Revenue share to Microsoft']);
    expect(await unconfirmed.locator('li').allTextContents()).toContainEqual(expect.stringMatching(/^Cap \$38B cumulative through 2030/));
    expect(await panel.getByRole('region', { name: 'Assumed by the scenario' }).locator('li').count()).toBe(11);
    expect(await panel.getByRole('region', { name: 'Reported', exact: true }).locator('li').count()).toBe(21);

    for (const label of ['Paid to Microsoft', 'Saved by the cap', 'Cap reached']) {
      expect(await card(page, label).getByTestId('unconfirmed').count(), label).toBe(1);
    }
    for (const label of ['Paid to OpenAI', 'Compute committed', "Microsoft's stake"]) {
      expect(await card(page, label).getByTestId('unconfirmed').count(), label).toBe(0);
    }
    await card(page, 'Saved by the cap').hover();
    expect(await card(page, 'Saved by the cap').locator('.explain').textContent()).toMatch(/Rests on what is not confirmed: .*Cap \$38B/);

    // The choice is remembered: a reload opens it again.
    await page.reload();
    await openBriefing(page);
    expect(await page.getByTestId('assumptions').getAttribute('open')).not.toBeNull();
  });
});

describe('uncertainty that reads against the scenario as written', () => {
  test('starts on the saving, marks the as-written value and says where it lies', async ({ page }) => {
    await openBriefing(page);
    await page.getByRole('tab', { name: 'Uncertainty' }).click();
    await page.locator('[data-chart="histogram"]').waitFor({ timeout: 30_000 });
    // The cap pins what is paid: the histogram and the tornado start on the saving.
    expect(await page.getByLabel('Distribution of').inputValue()).toBe('contract.msft_revshare.cap_savings');
    // The cap-odds table says when the cap binds as written.
    await expect.poll(() => page.getByTestId('cap-written').first().textContent()).toMatch(/^As written, the cap binds in 2029Q2\./);
    expect(await page.locator('th.written').textContent()).toBe('2029');
    // The saving as written ($70.64B) lies above its own P90, and the table says so.
    const row = page.getByRole('row', { name: /paid less because of the cap/ });
    expect(await row.getByRole('cell').last().textContent()).toMatch(/\$70\.64B\s*above P90/);
  });
});
