// Uncertainty v2 in the app: correlation groups edited in place (a set that cannot
// hold gets its message there), the runs as a scatter, and the two-way table as a
// heatmap with exact figures, copied and exported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { artifacts, expect, firstChartMs, test } from './harness';

async function openUncertainty(page: Page): Promise<void> {
  await firstChartMs(page);
  await page.getByRole('tab', { name: 'Uncertainty' }).click();
  await page.locator('[data-chart="tornado"] canvas').waitFor({ timeout: 30_000 });
}

test('edits correlation groups, with the message of an impossible set in place', async ({ page, allowConsoleErrors }) => {
  // Quick edits supersede simulations still running, which answer 409 Conflict.
  allowConsoleErrors(/app\.Service\.Simulate/);
  await openUncertainty(page);
  const groups = page.getByTestId('correlation-group');
  await expect.poll(() => groups.count()).toBe(1);
  await expect.poll(() => groups.first().innerText()).toContain('OpenAI revenue 2027');
  await expect.poll(() => groups.first().locator('output').innerText()).toBe('0.8');

  // A second group tying the cap, the rate and 2026 revenue at 0.5, beside the
  // revenue group at 0.8: no joint distribution has these correlations.
  await page.getByRole('button', { name: 'Add a group' }).click();
  await expect.poll(() => groups.count()).toBe(2);
  await expect.poll(() => groups.nth(1).innerText()).toContain('Revenue share to Microsoft: cap');
  await page.getByLabel('Add an input to group 2').selectOption({ label: 'OpenAI revenue 2026' });
  const problem = page.getByTestId('correlation-problem');
  await expect.poll(() => problem.innerText(), { timeout: 10_000 }).toMatch(/groups 1 .* 2 .* cannot all hold/s);
  await problem.screenshot({ path: `${artifacts}/correlation-problem.png` });

  // Removing it clears the message; moving the slider changes the file's rho.
  await groups.nth(1).getByRole('button', { name: 'Remove group' }).click();
  await expect.poll(() => page.getByTestId('correlation-problem').count()).toBe(0);
  const slider = page.getByLabel('Rank correlation of group 1');
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => groups.first().locator('output').innerText(), { timeout: 20_000 }).toBe('0.75');
});

test('draws the runs as a scatter of two inputs', async ({ page }) => {
  await openUncertainty(page);
  await page.locator('[data-chart="scatter"] canvas').waitFor({ timeout: 30_000 });
  await page.getByLabel('Across', { exact: true }).selectOption({ label: 'OpenAI revenue 2027' });
  await page.getByLabel('Up', { exact: true }).selectOption({ label: 'OpenAI revenue 2028' });
  await expect.poll(() => page.locator('[data-chart="scatter"] figcaption').innerText(), { timeout: 20_000 }).toContain('OpenAI revenue 2028 against OpenAI revenue 2027');
  // The briefing correlates its revenue years at 0.8.
  await expect.poll(async () => Number(await page.getByTestId('scatter-rank').innerText())).toBeGreaterThan(0.7);
});

test('computes a two-way table, marks the base case, copies and exports it', async ({ page, allowConsoleErrors }) => {
  // The refused values below answer 400 Bad Request, which the browser logs.
  allowConsoleErrors(/status of 400/);
  await firstChartMs(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByLabel('Values across').fill('25B,38B,60B');
  await page.getByLabel('Values down').fill('200B..280B:3');
  await page.getByRole('button', { name: 'Compute', exact: true }).click();
  await page.locator('[data-chart="twoway"] canvas').waitFor({ timeout: 30_000 });
  const table = page.getByTestId('twoway-table');
  await expect.poll(() => table.locator('td.base').innerText()).toBe('2029Q2');
  await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text.split('\n')[0]).toBe('streams.openai_revenue.annual.2030 \\ contracts.msft_revshare.cap,25B,38B,60B');
  expect(text.split('\n')[3]).toBe('280B,2028Q3,2029Q2,2030Q1');
  // The export dialog offers the table as a page of the PDF.
  await page.getByRole('button', { name: 'Export…' }).click();
  const withTable = page.getByLabel(/Add the two-way table/);
  await expect.poll(() => withTable.isChecked()).toBe(true);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', await pdf.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(pdfText).toContain('Two-way table: Revenue share to Microsoft: quarter the cap binds');
  expect(pdfText).toContain('280B 2028Q3 2029Q2 2030Q1');
  await page.keyboard.press('Escape');
  // Bad values get a message, and nothing is computed.
  await page.getByLabel('Values across').fill('25X');
  await page.getByRole('button', { name: 'Compute', exact: true }).click();
  await expect.poll(() => page.getByTestId('table-problem').innerText()).toContain('"25X" is not an amount');
});
