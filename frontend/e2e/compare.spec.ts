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
  // By year too.
  await page.getByText('Years').click();
  await expect.poll(() => page.getByRole('row', { name: /quarter the cap binds/ }).count()).toBe(1);
  // A fifth is not allowed: the boxes are disabled at four.
  await page.getByRole('checkbox', { name: /no cap/ }).check();
  await expect.poll(() => page.getByRole('checkbox', { name: /stake at the reported valuations/ }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Done comparing' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Briefing/);
});
