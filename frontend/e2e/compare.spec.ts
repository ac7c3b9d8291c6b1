// Compare: two to four scenarios, overlaid key series and a table of deltas.
import { expect, firstChartMs, test } from './harness';

test('compares three scenarios against the first', async ({ page }) => {
  await firstChartMs(page);
  await page.getByRole('button', { name: 'Compare scenarios…' }).click();
  // The open scenario is picked first: it is A.
  await page.getByRole('checkbox', { name: /high cap/ }).check();
  await page.getByRole('checkbox', { name: /low cap/ }).check();
  const table = page.getByRole('table');
  await expect.poll(() => table.count()).toBe(1);
  // The third scenario's column arrives with its own evaluation: wait for it.
  await expect.poll(() => table.getByRole('columnheader', { name: 'B − A' }).count()).toBe(1);
  await expect.poll(() => table.getByRole('columnheader', { name: 'C − A' }).count()).toBe(1);
  const row = table.getByRole('row', { name: /Revenue share to Microsoft: total paid/ });
  await expect.poll(() => row.count()).toBe(1);
  await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual(['$41.76B', '$71.76B', '+$30B', '$29.76B', '−$12B']);
  await expect.poll(() => page.locator('.compare canvas').count()).toBeGreaterThan(0);
  // The briefing holds compute deals the cap variants do not: the comparison says
  // so, naming them, and keeps the figures only the briefing has apart.
  const warning = page.getByTestId('compare-warning');
  await expect.poll(() => warning.isVisible()).toBe(true);
  const said = (await warning.textContent()) ?? '';
  expect(said).toContain('These scenarios do not hold the same contracts, so party totals compare different deals.');
  expect(said).toMatch(/Only in “Briefing[^”]*”: AWS compute/);
  await page.getByRole('button', { name: /Show all \d+ figures/ }).click();
  const only = table.locator('tr.group th', { hasText: /^Only in Briefing/ });
  await expect.poll(() => only.count()).toBe(1);
  // The figures all three have come first.
  const groups = await table.locator('tr.group th').allTextContents();
  expect(groups.findIndex((t) => t.startsWith('Only in'))).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Show the key figures only' }).click();
  // By year too, and the open scenario follows, so its charts are by year after Done.
  const yearly = page.waitForRequest((r) => r.url().endsWith('.Evaluate') && (r.postData() ?? '').includes('"year"'));
  await page.getByText('Years', { exact: true }).click();
  await yearly;
  await expect.poll(() => page.getByRole('row', { name: /quarter the cap binds/ }).count()).toBe(1);
  // A fifth is not allowed: the boxes are disabled at four.
  await page.getByRole('checkbox', { name: /no cap/ }).check();
  await expect.poll(() => page.getByRole('checkbox', { name: /stake at the reported valuations/ }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Done comparing' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Briefing/);
});
