// The question of the day, asked as an analyst asks it: "if OpenAI's 2030 revenue
// is only the earlier target of $200B instead of the $280B it now states, when does
// the Microsoft cap bind, and how much does OpenAI save?" The answer is on the
// first screen, in the key figures, with how far each moved from the saved revision.
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, firstChartMs, test } from './harness';

function card(page: Page, label: string) {
  return page.locator('.figure', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
}

async function shown(page: Page, label: string, part: 'value' | 'change' | 'context'): Promise<string> {
  const sel = part === 'change' ? '[data-testid="change"]' : `.${part}`;
  const el = card(page, label).locator(sel);
  return (await el.count()) ? ((await el.first().textContent())?.trim() ?? '') : '';
}

describe('the question of the day', () => {
  test('typing 200B into 2030 revenue answers it in the key figures', async ({ page }) => {
    await firstChartMs(page);
    await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name: /^Briefing: OpenAI's deals/ }).first().click();
    await expect.poll(() => shown(page, 'Saved by the cap', 'value')).toBe('$70.64B');
    expect(await shown(page, 'Saved by the cap', 'context')).toBe('of $112.40B uncapped');
    expect(await shown(page, 'Saved by the cap', 'change')).toBe('');

    const revenue2030 = page.getByRole('textbox', { name: 'OpenAI revenue: 2030, exact value' });
    await revenue2030.fill('200B');
    await revenue2030.press('Enter');

    await expect.poll(() => shown(page, 'Saved by the cap', 'value')).toBe('$54.64B');
    expect(await shown(page, 'Saved by the cap', 'change')).toBe('−$16B from $70.64B');
    expect(await shown(page, 'Saved by the cap', 'context')).toBe('of $96.40B uncapped');
    // The cap still binds in 2029Q2, so that card did not move; payments stay at the
    // cap, plus the $3.76B paid before it counted.
    expect(await shown(page, 'Cap reached', 'value')).toBe('2029Q2');
    expect(await shown(page, 'Cap reached', 'change')).toBe('');
    expect(await shown(page, 'Paid to Microsoft', 'value')).toBe('$41.76B');

    // A higher cap moves the quarter, and the card says from what.
    const cap = page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' });
    await cap.fill('45B');
    await cap.press('Enter');
    await expect.poll(() => shown(page, 'Cap reached', 'value')).toBe('2029Q3');
    expect(await shown(page, 'Cap reached', 'change')).toBe('1 quarter later than 2029Q2');
    expect(await shown(page, 'Paid to Microsoft', 'change')).toBe('+$7B from $41.76B');
  });

  test('a bare 280 asks "did you mean 280B?" before applying; words and separators are read', async ({ page }) => {
    await firstChartMs(page);
    await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name: /^Microsoft revenue share: reported/ }).first().click();
    const revenue2030 = page.getByRole('textbox', { name: 'OpenAI revenue: 2030, exact value' });
    await expect.poll(() => revenue2030.inputValue()).toBe('280B');
    const saving = () => shown(page, 'Saved by the cap', 'value');
    const before = await saving();

    await revenue2030.fill('280');
    await revenue2030.press('Enter');
    const ask = page.getByRole('alertdialog', { name: /did you mean 280B\?/ });
    await expect.poll(() => ask.count()).toBe(1);
    expect(await ask.textContent()).toContain('Did you mean 280B?');
    // Nothing is applied while it asks.
    expect(await saving()).toBe(before);
    expect(await page.locator('header .unsaved').count()).toBe(0);
    await ask.getByRole('button', { name: 'Use 280B' }).click();
    await expect.poll(() => revenue2030.inputValue()).toBe('280B');
    await expect.poll(saving).toBe('$70.64B');

    for (const typed of ['250bn', '$230 billion', '280,000,000,000']) {
      await revenue2030.fill(typed);
      await revenue2030.press('Enter');
      const want = typed === '250bn' ? '250B' : typed === '$230 billion' ? '230B' : '280B';
      await expect.poll(() => revenue2030.inputValue()).toBe(want);
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(await revenue2030.getAttribute('aria-invalid')).toBeNull();
    }
    await expect.poll(saving).toBe('$70.64B');

    // Keeping the bare amount is a choice, not a slip: it applies as typed.
    await revenue2030.fill('280');
    await revenue2030.press('Enter');
    await ask.getByRole('button', { name: 'Keep 280' }).click();
    await expect.poll(() => revenue2030.inputValue()).toBe('280');
  });

  test('the briefing goes out as a one-page summary, saying it holds unsaved changes', async ({ page }) => {
    await firstChartMs(page);
    await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name: /^Briefing: OpenAI's deals/ }).first().click();
    // The first test left 2030 revenue at 200B and the cap at 45B, unsaved (a draft).
    await expect.poll(() => shown(page, 'Saved by the cap', 'change')).not.toBe('');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Export/ });
    await expect.poll(() => dialog.getByText('This scenario has unsaved changes.').count()).toBe(1);
    await dialog.getByLabel(/executive summary only/).check();
    const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', await pdf.path(), '-'], { encoding: 'utf8' });
    expect(raw.split('\f').filter((p) => p.trim()).length).toBe(1);
    const text = raw.replace(/\s+/g, ' ');
    for (const want of ['EXECUTIVE SUMMARY', 'THE QUESTION', 'The cap binds in 2029Q3', 'Facts as of 26 June 2026', 'Includes changes not yet saved', 'Page 1 of 1', 'not financial']) {
      expect(text).toContain(want);
    }
    // Saving first clears the warning, and the cards no longer show a move.
    await dialog.getByRole('button', { name: 'Save first' }).click();
    await expect.poll(() => dialog.getByText('This scenario has unsaved changes.').count()).toBe(0);
    await dialog.getByRole('button', { name: /Close|Cancel/ }).click();
    await expect.poll(() => shown(page, 'Saved by the cap', 'change')).toBe('');
  });

  test('after 400B, the 2030 range says it does not hold the value, and moves with it when asked', async ({ page }) => {
    await firstChartMs(page);
    await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name: /high cap/ }).first().click();
    const revenue2030 = page.getByRole('textbox', { name: 'OpenAI revenue: 2030, exact value' });
    await expect.poll(() => revenue2030.inputValue()).toBe('280B');
    await revenue2030.fill('400B');
    await revenue2030.press('Enter');
    // The Uncertainty view says the value lies outside its range (168B to 308B).
    await page.getByRole('tab', { name: 'Uncertainty' }).click();
    await expect.poll(() => page.getByTestId('outside-ranges').textContent()).toContain('400B is above its range (168B to 308B)');
    await page.getByRole('tab', { name: 'Charts' }).click();
    // Asked once for this scenario: moving ranges with edits keeps the shape around 400B: 240B to 440B.
    const ask = page.getByRole('group', { name: /move its range with it\?/ });
    await expect.poll(() => ask.count()).toBe(1);
    await ask.getByRole('button', { name: 'Move ranges with my edits' }).click();
    await expect.poll(() => page.getByRole('slider', { name: 'OpenAI revenue: 2030' }).getAttribute('max')).toBe('440000000000');
    expect(await page.getByRole('note').filter({ hasText: 'above its range' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Uncertainty' }).click();
    await expect.poll(() => page.getByTestId('outside-ranges').count()).toBe(0);
    await page.getByRole('tab', { name: 'Charts' }).click();
    // The next edit follows without asking.
    await revenue2030.fill('500B');
    await revenue2030.press('Enter');
    await expect.poll(() => revenue2030.inputValue()).toBe('500B');
    expect(await ask.count()).toBe(0);
    await expect.poll(() => page.getByRole('note').filter({ hasText: 'its range' }).count()).toBe(0);
  });
});
