// What-ifs that save cleanly: a built-in stays the reference (saving its changes
// offers a scenario of your own), "Save as new scenario…" keeps the unsaved edits,
// and Duplicate of the open scenario carries them too, leaving the original's.
import type { Page } from 'playwright-core';
import { describe, expect, firstChartMs, test } from './harness';

const list = (page: Page) => page.getByRole('navigation', { name: 'Scenarios' });
const title = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

function card(page: Page, label: string) {
  return page.locator('.figure', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
}

async function setCap(page: Page, value: string): Promise<void> {
  const cap = page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' });
  await cap.fill(value);
  await cap.press('Enter');
  await expect.poll(() => page.getByText('Unsaved changes', { exact: true }).first().isVisible()).toBe(true);
}

describe('what-ifs', () => {
  test('saving a built-in offers a scenario of your own, with the edits; the built-in stays as it was', async ({ page }) => {
    await firstChartMs(page);
    await list(page).getByRole('button', { name: /^Microsoft revenue share: reported \$38B cap/ }).first().click();
    await expect.poll(() => title(page)).toMatch(/^Microsoft revenue share: reported \$38B cap/);
    await expect.poll(() => card(page, 'Cap reached').locator('.value').textContent()).toBe('2029Q2');
    const builtinName = (await title(page)) ?? '';
    await setCap(page, '45B');
    await expect.poll(() => card(page, 'Cap reached').locator('.value').textContent()).toBe('2029Q3');

    await page.keyboard.press('Control+s');
    const box = page.getByRole('dialog', { name: 'Save as a new scenario' });
    await expect.poll(() => box.count()).toBe(1);
    expect(await box.getByTestId('builtin-note').textContent()).toContain('is a built-in scenario');
    expect(await box.getByRole('textbox', { name: 'Name' }).getAttribute('placeholder')).toBe(`${builtinName} (copy)`);
    await box.getByRole('textbox', { name: 'Name' }).fill('Cap at 45B');
    await box.getByRole('button', { name: 'Save as new scenario' }).click();

    await expect.poll(() => title(page)).toBe('Cap at 45B');
    expect(await page.locator('.status').first().textContent()).toContain('Saved · revision 1');
    expect(await card(page, 'Cap reached').locator('.value').textContent()).toBe('2029Q3');
    await expect.poll(() => list(page).getByRole('button', { name: /^Cap at 45B/ }).count()).toBe(1);

    // The built-in: its saved revision, no draft left behind.
    await list(page).getByRole('button', { name: /^Microsoft revenue share: reported \$38B cap/ }).first().click();
    await expect.poll(() => title(page)).toBe(builtinName);
    await expect.poll(() => card(page, 'Cap reached').locator('.value').textContent()).toBe('2029Q2');
    expect(await page.locator('.status').first().textContent()).toContain('Saved · revision 1');
  });

  test('saving over a built-in is still possible, on purpose', async ({ page }) => {
    await firstChartMs(page);
    await list(page).getByRole('button', { name: /^Microsoft revenue share: low cap/ }).first().click();
    await expect.poll(() => title(page)).toMatch(/low cap/);
    await setCap(page, '30B');
    await page.getByRole('button', { name: 'Save…' }).click();
    const box = page.getByRole('dialog', { name: 'Save as a new scenario' });
    await box.getByRole('button', { name: 'Save over the built-in…' }).click();
    const rev = page.getByRole('dialog', { name: 'Save a revision' });
    expect(await rev.textContent()).toContain('earlier revisions stay in its history');
    await rev.getByRole('button', { name: 'Save over the built-in' }).click();
    await expect.poll(() => page.locator('.status').first().textContent()).toContain('Saved · revision 2');
  });

  test('Save as new scenario… and Duplicate keep the unsaved edits', async ({ page }) => {
    await firstChartMs(page);
    await list(page).getByRole('button', { name: /^Cap at 45B/ }).first().click();
    await expect.poll(() => title(page)).toBe('Cap at 45B');
    await setCap(page, '50B');
    await page.keyboard.press('Control+Shift+S');
    const box = page.getByRole('dialog', { name: 'Save as a new scenario' });
    await expect.poll(() => box.count()).toBe(1);
    expect(await box.getByTestId('builtin-note').count()).toBe(0);
    await box.getByRole('button', { name: 'Save as new scenario' }).click();
    await expect.poll(() => title(page)).toBe('Cap at 45B (copy)');
    expect(await page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' }).inputValue()).toBe('50B');

    // The edits moved: the scenario they came from is at its saved revision.
    await list(page).getByRole('button', { name: /^Cap at 45B\b(?! \(copy)/ }).first().click();
    await expect.poll(() => title(page)).toBe('Cap at 45B');
    await expect.poll(() => page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' }).inputValue()).toBe('45B');

    // Duplicate of the open scenario with unsaved edits: the copy has them, and
    // the original keeps them as its draft.
    await setCap(page, '55B');
    await list(page).getByRole('button', { name: 'Actions for Cap at 45B', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await expect.poll(() => title(page)).toBe('Cap at 45B (copy) 2');
    expect(await page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' }).inputValue()).toBe('55B');
    // The toast of the save above may still be shown beside this one's.
    await expect.poll(async () => (await page.getByRole('status').allTextContents()).join(' | ')).toContain('keeps them as its draft');
    await expect.poll(() => list(page).getByRole('button', { name: /^Cap at 45B\b(?! \(copy)/ }).first().textContent()).toContain('Unsaved changes');
  });
});
