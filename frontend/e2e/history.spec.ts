// History: any revision can be previewed read-only (its key figures, charts and
// inputs) without losing the working copy, any two compared, and a contract added
// or removed reads as a sentence, not as its raw value.
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { artifacts, describe, expect, firstChartMs, test, type AppServer } from './harness';

const list = (page: Page) => page.getByRole('navigation', { name: 'Scenarios' });
const title = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

function card(page: Page, label: string) {
  return page.locator('.figure', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
}

interface Doc {
  document: string;
}

/** A scenario of three revisions: 1 the copied built-in, 2 adds AWS compute, 3 a 45B cap. */
async function threeRevisions(server: AppServer, name: string): Promise<void> {
  const w = await server.call<Doc & { revision: number }>('NewScenario', 'builtin:microsoft-cap', name);
  const add = [
    { op: 'add', path: 'aws', value: 'contract:commitment' },
    { op: 'text', path: 'contracts.aws.label', value: 'AWS compute' },
    { op: 'text', path: 'contracts.aws.payer', value: 'OpenAI' },
    { op: 'text', path: 'contracts.aws.payee', value: 'Amazon' },
    { op: 'set', path: 'contracts.aws.total', value: '38B' },
    { op: 'set', path: 'contracts.aws.years', value: '7' },
  ];
  const two = await server.call<Doc>('Apply', w.document, add, 'quarter');
  await server.call('SaveScenario', name, two.document, 'Add AWS compute', 1);
  const three = await server.call<Doc>('Apply', two.document, [{ op: 'set', path: 'contracts.msft_revshare.cap', value: '45B' }], 'quarter');
  await server.call('SaveScenario', name, three.document, 'Cap at $45B', 2);
}

async function openHistory(page: Page, name: string): Promise<void> {
  await page.reload(); // the list as the server now holds it
  await firstChartMs(page);
  await list(page).getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
  await expect.poll(() => title(page)).toBe(name);
  await page.getByRole('tab', { name: 'History' }).click();
  await expect.poll(() => page.locator('.rev').count()).toBe(3);
}

describe('history', () => {
  test('an added contract reads as a sentence, and any two revisions compare', async ({ page, server }) => {
    await threeRevisions(server, 'History of AWS');
    await openHistory(page, 'History of AWS');
    // The latest is selected, compared with the one before it.
    await expect.poll(() => page.getByRole('list', { name: 'Changes from revision 2 to revision 3' }).textContent()).toMatch(/cap\s*38B → 45B/);

    await page.locator('.rev', { hasText: '#2' }).click();
    const two = page.getByRole('list', { name: 'Changes from revision 1 to revision 2' });
    await expect.poll(() => two.locator('li').first().textContent()).toMatch(/^Added commitment “AWS compute” \(OpenAI → Amazon, 38B over 7 years from 2025Q1/);
    expect(await two.textContent()).not.toMatch(/\{type:/);

    // Revision 2 against 3, the other way: the same pick, later revision as A.
    await page.getByRole('combobox', { name: 'Compare revision 2 with revision' }).selectOption('3');
    await expect.poll(() => page.getByRole('list', { name: 'Changes from revision 3 to revision 2' }).textContent()).toMatch(/cap\s*45B → 38B/);

    // 1 to 3: both changes.
    await page.locator('.rev', { hasText: '#3' }).click();
    await page.getByRole('combobox', { name: 'Compare revision 3 with revision' }).selectOption('1');
    const both = page.getByRole('list', { name: 'Changes from revision 1 to revision 3' });
    await expect.poll(() => both.textContent()).toMatch(/Added commitment “AWS compute”/);
    expect(await both.textContent()).toMatch(/38B → 45B/);

    // 3 to 1: the contract is removed, said as a sentence too.
    await page.locator('.rev', { hasText: '#1' }).click();
    await page.getByRole('combobox', { name: 'Compare revision 1 with revision' }).selectOption('3');
    await expect.poll(() => page.getByRole('list', { name: 'Changes from revision 3 to revision 1' }).textContent()).toMatch(
      /Removed commitment “AWS compute” \(OpenAI → Amazon, 38B over 7 years/,
    );
  });

  test('previews a revision read-only and comes back to the unsaved working copy', async ({ newPage, server }) => {
    await threeRevisions(server, 'Preview of AWS');
    for (const [colorScheme, width, height] of [
      ['light', 1440, 900],
      ['dark', 1280, 720],
    ] as const) {
      const page = await newPage({ colorScheme, viewport: { width, height } });
      await firstChartMs(page);
      await list(page).getByRole('button', { name: /^Preview of AWS/ }).first().click();
      await expect.poll(() => title(page)).toBe('Preview of AWS');
      // An unsaved edit: the cap at 50B.
      const cap = page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' });
      await cap.fill('50B');
      await cap.press('Enter');
      await expect.poll(() => page.getByText('Unsaved changes', { exact: true }).first().isVisible()).toBe(true);
      const working = await card(page, 'Cap reached').locator('.value').textContent();

      await page.getByRole('tab', { name: 'History' }).click();
      await page.locator('.rev', { hasText: '#1' }).click();
      await page.getByRole('button', { name: 'Preview revision 1' }).click();
      const preview = page.getByTestId('preview');
      await expect.poll(() => preview.getByRole('status').textContent()).toMatch(/Revision 1, as it was saved: read-only\. Your working copy is kept, unsaved changes and all\./);
      // Revision 1 is the built-in as copied: the cap binds in 2029Q2.
      await expect.poll(() => card(page, 'Cap reached').locator('.value').textContent()).toBe('2029Q2');
      await expect.poll(() => preview.locator('canvas').count()).toBeGreaterThan(0);
      const inputs = page.getByRole('region', { name: 'Inputs of revision 1, read-only' });
      await expect.poll(() => inputs.locator('dt', { hasText: /^Cap$/ }).count()).toBe(1);
      expect(await inputs.locator('dt', { hasText: /^Cap$/ }).locator('xpath=following-sibling::dd[1]').textContent()).toBe('38B');
      // Nothing there edits: no text field, no slider.
      expect(await inputs.locator('input').count()).toBe(0);
      expect(await page.getByText('Unsaved changes', { exact: true }).first().isVisible()).toBe(true);
      await page.screenshot({ path: join(artifacts, `history--preview-${width}x${height}-${colorScheme}.png`) });

      await page.getByRole('button', { name: 'Back to the working copy' }).click();
      await expect.poll(() => preview.count()).toBe(0);
      await expect.poll(() => card(page, 'Cap reached').locator('.value').textContent()).toBe(working);
      await page.getByRole('tab', { name: 'Inputs' }).click();
      await expect.poll(() => page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' }).inputValue()).toBe('50B');
      expect(await page.getByText('Unsaved changes', { exact: true }).first().isVisible()).toBe(true);

      // Going back to the inputs ends a preview too.
      await page.getByRole('tab', { name: 'History' }).click();
      await page.locator('.rev', { hasText: '#2' }).click();
      await page.getByRole('button', { name: 'Preview revision 2' }).click();
      await expect.poll(() => preview.count()).toBe(1);
      await expect.poll(() => preview.locator('canvas').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifacts, `history--diff-${width}x${height}-${colorScheme}.png`) });
      await page.getByRole('tab', { name: 'Inputs' }).click();
      await expect.poll(() => preview.count()).toBe(0);
    }
  });
});
