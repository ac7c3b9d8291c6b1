// A scenario made from a template can be finished in the app: labels, party names,
// the description and sources are edited in place (keyboard too: Enter commits,
// Escape cancels), through the same edit path as numbers (undo, unsaved marker,
// save, history), and the template's placeholders are marked until replaced.
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { artifacts, describe, expect, firstChartMs, test } from './harness';

const list = (page: Page) => page.getByRole('navigation', { name: 'Scenarios' });
const title = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const unsaved = (page: Page) => page.getByText('Unsaved changes', { exact: true }).first().isVisible();
const banner = (page: Page) => page.getByTestId('placeholders');

async function openNamed(page: Page, name: string): Promise<void> {
  await page.reload();
  await firstChartMs(page);
  await list(page).getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
  await expect.poll(() => title(page)).toBe(name);
}

/** edit clicks the text shown as the button named shown, types text into its field and ends with key. */
async function edit(page: Page, shown: RegExp, field: string, text: string, key: 'Enter' | 'Escape' = 'Enter'): Promise<void> {
  await page.getByRole('button', { name: shown }).first().click();
  const box = page.getByRole('textbox', { name: field, exact: true });
  await box.fill(text);
  await box.press(key);
}

describe('texts edited in place', () => {
  test('a template scenario is finished in the app: parties, label, sources, description', async ({ page, server }) => {
    await server.call('NewScenario', 'scenario:revenue_share', 'TPU share');
    await openNamed(page, 'TPU share');
    await expect.poll(() => banner(page).textContent()).toMatch(/^6 texts are still the template's placeholders/);
    const group = page.locator('section.group', { has: page.getByRole('button', { name: /^Label of Revenue share: Revenue share \(placeholder/ }) });
    // Label, payer and payee, and its one source (the panel fills in its groups'
    // inputs once the first charts are drawn: polled).
    await expect.poll(() => group.locator('[data-placeholder=true]').count()).toBe(3);
    await expect.poll(() => group.getByText('placeholder source', { exact: true }).count()).toBe(1);
    expect(await group.getByTestId('placeholder-hint').textContent()).toMatch(/replace the marked texts before the briefing goes out/);

    // The payer, by mouse: Enter commits.
    await edit(page, /^Payer of Revenue share: Company/, 'Payer of Revenue share', 'Anthropic');
    await expect.poll(() => page.getByRole('button', { name: /^Payer of Revenue share: Anthropic\. Edit$/ }).count()).toBe(1);
    await expect.poll(() => unsaved(page)).toBe(true);
    await expect.poll(() => banner(page).textContent()).toMatch(/^5 texts/);
    // Escape cancels: the payee stays.
    await edit(page, /^Payee of Revenue share: Partner/, 'Payee of Revenue share', 'Nobody', 'Escape');
    expect(await page.getByRole('button', { name: /^Payee of Revenue share: Partner \(placeholder/ }).count()).toBe(1);
    // By keyboard alone: focus the payee, Enter opens it, Enter commits.
    await page.getByRole('button', { name: /^Payee of Revenue share: Partner/ }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Google');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^Payee of Revenue share: Google\. Edit$/ }).count()).toBe(1);
    // The key figure follows the party's name.
    await expect.poll(() => page.locator('.figure .label').allTextContents()).toContain('Paid to Google');

    // An empty label is refused with a message, and changes nothing.
    await edit(page, /^Label of Revenue share: Revenue share/, 'Label of Revenue share', '   ');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'a label cannot be empty' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Label of Revenue share: Revenue share/ }).count()).toBe(1);
    // A name in any script and plane.
    await edit(page, /^Label of Revenue share: Revenue share/, 'Label of Revenue share', 'Partage TPU 🚀 𝔄𝔴𝔰');
    await expect.poll(() => page.getByRole('button', { name: /^Label of Partage TPU 🚀 𝔄𝔴𝔰: Partage TPU 🚀 𝔄𝔴𝔰\. Edit$/ }).count()).toBe(1);

    // Sources: remove the template's, add a real one.
    const share = page.locator('section.group', { has: page.getByRole('button', { name: /^Label of Partage TPU/ }) });
    await share.getByRole('button', { name: /sources of Partage TPU/ }).click();
    expect(await share.locator('li.placeholder').count()).toBe(1);
    await share.getByRole('button', { name: 'Remove source 1 of Partage TPU 🚀 𝔄𝔴𝔰' }).click();
    await expect.poll(() => share.getByRole('button', { name: /sources of Partage TPU/ }).textContent()).toMatch(/add a source/);
    // The list stays open to add one.
    const add = share.getByRole('textbox', { name: 'Add a source to Partage TPU 🚀 𝔄𝔴𝔰' });
    await add.fill('The Information, 2026-05-01');
    await add.press('Enter');
    await expect.poll(() => share.getByRole('button', { name: /sources of Partage TPU/ }).textContent()).toMatch(/1 source/);
    await expect.poll(() => share.locator('[data-placeholder=true]').count()).toBe(0);
    await expect.poll(() => banner(page).textContent()).toMatch(/^2 texts/);

    // The description, over two lines: Shift+Enter breaks the line, Enter commits.
    await page.getByRole('button', { name: /^Description of the scenario: empty/ }).click();
    const desc = page.getByRole('textbox', { name: 'Description of the scenario' });
    await desc.type('Google TPUs for Anthropic.');
    await desc.press('Shift+Enter');
    await desc.type('Terms as reported.');
    await desc.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^Description of the scenario: Google TPUs for Anthropic\.\s+Terms as reported\./ }).count()).toBe(1);

    // Undo takes the last edit back, redo brings it again.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Description of the scenario: empty/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Description of the scenario: Google TPUs/ }).count()).toBe(1);

    // The export warns of what is left; then save, and history says what changed.
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect.poll(() => page.getByTestId('export-placeholders').textContent()).toMatch(/2 texts are still the template's placeholders \(label “Revenue”, a source of Revenue\)/);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(artifacts, 'texts--edited-1280x800-light.png') });
    await page.keyboard.press('Control+s');
    const message = page.getByRole('textbox', { name: /Message/ });
    await message.fill('Parties and sources');
    await message.press('Enter');
    await expect.poll(() => page.getByText(/^Saved · revision 2$/).count()).toBe(1);
    await page.getByRole('tab', { name: 'History' }).click();
    const changes = page.getByRole('list', { name: 'Changes from revision 1 to revision 2' });
    await expect.poll(() => changes.textContent()).toMatch(/Anthropic/);
    expect(await changes.textContent()).toMatch(/Google/);
  });

  for (const [colorScheme, width, height] of [
    ['light', 1440, 900],
    ['dark', 1440, 900],
    ['light', 1280, 720],
    ['dark', 1280, 720],
  ] as const) {
    test(`placeholders marked, ${width}×${height} ${colorScheme}`, async ({ newPage, server }) => {
      const name = `Stake ${colorScheme} ${width}`;
      await server.call('NewScenario', 'scenario:stake', name);
      const page = await newPage({ colorScheme, viewport: { width, height } });
      await firstChartMs(page);
      await list(page).getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
      await expect.poll(() => title(page)).toBe(name);
      await expect.poll(() => page.getByRole('button', { name: /^Holder of Stake: Investor \(placeholder/ }).count()).toBe(1);
      await page.getByRole('button', { name: /^Holder of Stake: Investor/ }).click();
      await page.getByRole('textbox', { name: 'Holder of Stake' }).fill('Microsoft');
      await expect.poll(() => page.getByRole('textbox', { name: 'Holder of Stake' }).inputValue()).toBe('Microsoft');
      await page.screenshot({ path: join(artifacts, `texts--editing-${width}x${height}-${colorScheme}.png`) });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('button', { name: /^Holder of Stake: Microsoft\. Edit$/ }).count()).toBe(1);
      await page.getByRole('button', { name: /sources of Stake/ }).click();
      await page.screenshot({ path: join(artifacts, `texts--marked-${width}x${height}-${colorScheme}.png`) });
    });
  }
});
