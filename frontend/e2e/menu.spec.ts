// The file and edit commands of the desktop's native menu, which reach the page as
// `menu` events (emitted here as the desktop does): Import, with the parser's
// errors in place; Export on a format; Undo and Redo, which belong to a text field
// while it has the focus.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { artifacts, expect, firstChartMs, test } from './harness';

/** menu sends a menu action as the desktop's native menu does. */
async function menu(page: Page, action: string): Promise<void> {
  await page.evaluate((a) => {
    (window as unknown as { runtime: { EventsEmit: (n: string, d: unknown) => void } }).runtime.EventsEmit('menu', { action: a });
  }, action);
}

/** A built-in's canonical document, renamed and without its uncertainty block. */
async function withoutRanges(server: { call<T>(m: string, ...a: unknown[]): Promise<T> }, name: string): Promise<string> {
  const w = await server.call<{ document: string }>('OpenScenario', 'Microsoft revenue share: no cap');
  const doc = w.document.replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`);
  const at = doc.search(/^uncertainty:/m);
  expect(at).toBeGreaterThan(0);
  const rest = doc.slice(at).split('\n');
  let end = 1;
  while (end < rest.length && (rest[end].startsWith(' ') || rest[end] === '')) end++;
  return doc.slice(0, at) + rest.slice(end).join('\n');
}

const file = (name: string, text: string) => ({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });

test('Import: the parser\'s errors in place, then a new scenario, then a new revision of it', async ({ page, server, allowConsoleErrors }) => {
  // The refused file's call fails on purpose (the browser logs its status).
  allowConsoleErrors(/ImportScenario/);
  await firstChartMs(page);
  await menu(page, 'import');
  const dialog = page.getByRole('dialog', { name: 'Import a scenario file' });
  await dialog.waitFor();
  await expect.poll(() => dialog.getByRole('button', { name: 'Choose a file…' }).count()).toBe(1);

  const doc = await withoutRanges(server, 'Imported without ranges');
  await page.getByTestId('import-file').setInputFiles(file('bad.yaml', 'bogus: 1\n' + doc));
  const alert = dialog.getByRole('alert');
  await expect.poll(() => alert.textContent()).toContain('bad.yaml:1:1: bogus: unknown key "bogus"');
  await expect.poll(() => page.getByRole('button', { name: /Imported without ranges/ }).count()).toBe(0);

  await page.getByTestId('import-file').setInputFiles(file('deal.yaml', doc));
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Imported without ranges');
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => page.getByText('Imported “Imported without ranges” as a new scenario.').count()).toBe(1);

  // No ranges: the uncertainty view says how to add them, not an error.
  await page.getByRole('tab', { name: 'Uncertainty' }).click();
  await expect.poll(() => page.getByText('No ranges to simulate').count()).toBe(1);
  await expect.poll(() => page.getByText(/has no ranges yet/).count()).toBe(1);
  await expect.poll(() => page.getByRole('alert').count()).toBe(0);

  // The same name again: a new revision, the first kept in the history.
  const changed = doc.replace(/^discount_rate: .*$/m, 'discount_rate: 12%');
  await page.getByTestId('import-file').setInputFiles(file('deal.yaml', changed));
  await expect.poll(() => page.getByText(/as revision 2; the earlier revisions are in its history/).count()).toBe(1);
  await expect.poll(() => page.getByText('Saved · revision 2').count()).toBe(1);
  const history = await server.call<{ number: number; message: string }[]>('History', 'Imported without ranges');
  expect(history.map((r) => r.number)).toEqual([2, 1]);
});

/** openBriefing opens the built-in briefing (an earlier test left another scenario open). */
async function openBriefing(page: Page): Promise<void> {
  await firstChartMs(page);
  await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name: /^Briefing/ }).first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Briefing/);
}

test('Undo and Redo from the menu undo typing in a text field, and the scenario elsewhere', async ({ page }) => {
  await openBriefing(page);
  const cap = page.getByRole('textbox', { name: 'Revenue share to Microsoft: Cap, exact value' });
  await cap.fill('41B');
  await cap.press('Enter');
  await expect.poll(() => cap.inputValue()).toBe('41B');

  const search = page.getByRole('searchbox', { name: 'Search scenarios' });
  await search.click();
  await page.keyboard.type('xyz');
  await menu(page, 'undo');
  await expect.poll(() => search.inputValue()).not.toBe('xyz');
  await expect.poll(() => cap.inputValue()).toBe('41B');
  await menu(page, 'redo');
  await expect.poll(() => search.inputValue()).toBe('xyz');
  await search.fill('');

  // Out of the field: the scenario's edit is undone.
  await page.getByRole('heading', { level: 1 }).click();
  await menu(page, 'undo');
  await expect.poll(() => cap.inputValue()).toBe('38B');
  await menu(page, 'redo');
  await expect.poll(() => cap.inputValue()).toBe('41B');
});

test('Export CSV from the menu: the dialog on the schedule, with labels and a byte order mark', async ({ page }) => {
  await openBriefing(page);
  await menu(page, 'export-csv');
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await dialog.waitFor();
  await expect.poll(() => dialog.getByLabel('Schedule (CSV)').isChecked()).toBe(true);
  // For Excel by default: labels and a byte order mark.
  await expect.poll(() => dialog.getByLabel(/A row of labels/).isChecked()).toBe(true);
  await expect.poll(() => dialog.getByLabel(/byte order mark/).isChecked()).toBe(true);
  const [csv] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  const bytes = readFileSync(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/);
  expect(lines[0]).toMatch(/^period,stream\./);
  expect(lines[1]).not.toMatch(/^2025Q1,/);
  expect(lines[2]).toMatch(/^2025Q1,/);
  await expect.poll(() => dialog.getByText(/^Downloaded .*\.csv$/).count()).toBe(1);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
});

test('Help → About: the build, and every bundled library and font with its licence', async ({ page, server }) => {
  await firstChartMs(page);
  await menu(page, 'about');
  const dialog = page.getByRole('dialog', { name: 'About Dealmodel' });
  await dialog.waitFor();
  const about = await server.call<{ build: { version: string; commit: string; goVersion: string } }>('About');
  await expect.poll(() => dialog.getByTestId('about-version').textContent()).toBe(about.build.version);
  await expect.poll(() => dialog.getByText(about.build.goVersion, { exact: false }).count()).toBeGreaterThan(0);
  // The Go side (modules, fonts) and the interface's npm packages, each with its text.
  for (const name of ['github.com/wailsapp/wails/v2', 'modernc.org/sqlite', 'DejaVu Sans Condensed (fonts in the PDF briefing)', 'echarts', 'svelte']) {
    await expect.poll(() => dialog.getByText(name, { exact: true }).count(), { message: name }).toBe(1);
  }
  await dialog.getByText('echarts', { exact: true }).click();
  const text = dialog.locator('li', { has: page.getByText('echarts', { exact: true }) }).locator('pre');
  await expect.poll(() => text.isVisible()).toBe(true);
  await expect.poll(() => text.textContent()).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  await page.screenshot({ path: `${artifacts}/about-dialog.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);

  // The browser has no native menu: the sidebar opens the same dialog.
  await page.getByRole('button', { name: 'About', exact: true }).click();
  await expect.poll(() => dialog.isVisible()).toBe(true);
});

test('Export of a name the PDF font cannot print: the file name without its direction override, and a note under the result', async ({ page, server }) => {
  // The name holds an emoji (beyond the PDF font) and a right-to-left override,
  // which would show the file name reversed.
  const doc = await withoutRanges(server, 'Deal 🚀 \u202egnp.exe');
  await server.call('ImportScenario', 'deal.yaml', doc);
  await page.reload();
  await firstChartMs(page);
  await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name: /^Deal 🚀/ }).first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Deal 🚀/);
  await menu(page, 'export-pdf');
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await dialog.waitFor();
  const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  expect(pdf.suggestedFilename()).toBe('Deal 🚀 gnp.exe.pdf');
  await expect.poll(() => dialog.getByText('Downloaded Deal 🚀 gnp.exe.pdf').count()).toBe(1);
  await expect.poll(() => dialog.getByText(/are printed as \uFFFD in this briefing; it says so under its title\.$/).count()).toBe(1);
  await dialog.screenshot({ path: `${artifacts}/export-note.png` });
  // Another format: the note belongs to the PDF just made, and goes.
  await dialog.getByLabel('Schedule (CSV)').check();
  await expect.poll(() => dialog.getByText(/printed as \uFFFD/).count()).toBe(0);
});
