// The scenario list: search, new from a template, duplicate, rename, delete with undo.
import type { Page } from 'playwright-core';
import { expect, firstChartMs, test } from './harness';

const list = (page: Page) => page.getByRole('navigation', { name: 'Scenarios' });

test('searches the list', async ({ page }) => {
  await firstChartMs(page);
  await page.getByRole('searchbox', { name: 'Search scenarios' }).fill('low cap');
  await expect.poll(() => list(page).getByRole('button', { name: /^Microsoft revenue share: low cap/ }).count()).toBe(1);
  await expect.poll(() => list(page).getByRole('button', { name: /^Microsoft revenue share: high cap/ }).count()).toBe(0);
  await page.getByRole('searchbox', { name: 'Search scenarios' }).fill('nothing like this');
  await expect.poll(() => list(page).getByText('No scenario matches.').count()).toBe(1);
});

test('creates a scenario from a template and adds a contract to it', async ({ page, allowConsoleErrors }) => {
  // The taken name at the end is refused by the service (the browser logs the 409 Conflict).
  allowConsoleErrors(/409/);
  await firstChartMs(page);
  await page.getByRole('button', { name: '+ New' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('TPU deal');
  await page.getByRole('radio', { name: /Compute commitment/ }).check();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('TPU deal');
  await expect.poll(() => list(page).getByRole('button', { name: /^TPU deal/ }).count()).toBe(1);
  await page.getByRole('combobox', { name: 'Add' }).selectOption('contract:revenue_share');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => page.getByRole('slider', { name: 'Revenue share: Cap' }).count()).toBe(1);
  // A taken name is refused, in the dialog.
  await page.getByRole('button', { name: '+ New' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('tpu deal');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => page.getByRole('dialog').getByRole('alert').count()).toBe(1);
  // The service's own words reach the dialog (a rejection says its text and kind).
  await expect.poll(() => page.getByRole('dialog').getByRole('alert').textContent()).toContain('A scenario named "TPU deal" already exists');
  await page.keyboard.press('Escape');
});

test('duplicates, renames and deletes with undo', async ({ page }) => {
  await firstChartMs(page);
  await list(page).getByRole('button', { name: /^Actions for Microsoft's stake at the reported valuations/ }).click();
  await page.getByRole('menuitem', { name: 'Duplicate' }).click();
  const copy = /reported valuations \(copy\)/;
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(copy);

  await list(page).getByRole('button', { name: /^Actions for .*\(copy\)/ }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const box = page.getByRole('textbox', { name: /New name for/ });
  await box.fill('Stake, my case');
  await box.press('Enter');
  await expect.poll(() => list(page).getByRole('button', { name: /^Stake, my case/ }).count()).toBe(1);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stake, my case');

  await list(page).getByRole('button', { name: 'Actions for Stake, my case' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect.poll(() => list(page).getByRole('button', { name: /^Stake, my case/ }).count()).toBe(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => list(page).getByRole('button', { name: /^Stake, my case/ }).count()).toBe(1);
});
