// Keyboard only: every control is reached with Tab, named, and shows its focus.
import { expect, firstChartMs, test } from './harness';

test('a scenario is found, opened and edited without a mouse', async ({ page }) => {
  await firstChartMs(page);
  await page.keyboard.press('Tab'); // the skip link comes first
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the figures and charts');
  await page.keyboard.press('Tab'); // + New
  await page.keyboard.press('Tab'); // search
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe('scenario-search');
  await page.keyboard.type('no cap');
  await page.keyboard.press('Tab'); // compare
  await page.keyboard.press('Tab'); // the first scenario in the list
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  expect(focused).toMatch(/no cap/);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/no cap/);

  // Focus is visible wherever it goes.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');

  // Tab on to the first slider and move it.
  let name = '';
  for (let i = 0; i < 60 && !/slider/.test(name); i++) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el ? `${el.type === 'range' ? 'slider' : el.tagName} ${el.getAttribute('aria-label') ?? el.textContent ?? ''}` : '';
    });
  }
  expect(name).toMatch(/^slider .+: .+/);
  const before = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).value)).not.toBe(before);
  await expect.poll(() => page.getByText('Unsaved changes', { exact: true }).count()).toBeGreaterThan(0);
});

test('every control has a name', async ({ page }) => {
  await firstChartMs(page);
  const unnamed = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="switch"], [role="tab"]'))) {
      const labelled =
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        (el as HTMLInputElement).labels?.length ||
        (el.tagName === 'BUTTON' && el.textContent?.trim());
      if (!labelled) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
  expect(unnamed).toEqual([]);
});

test('/ and Ctrl+K reach the input filter', async ({ page }) => {
  await firstChartMs(page);
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('input-filter');
  await page.keyboard.type('2030');
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('input-filter');
});
