// Format v2 in the workspace: a contract's dated changes on its timeline (add,
// edit, note and source, remove), a payment's tranches with their condition and
// deadline, and the figures moving with them; screenshots of the timeline, the
// revenue chart with its reported quarter and the gigawatts chart, light and dark.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifacts, describe, expect, firstChartMs, test } from './harness';

const briefing = /^Briefing: OpenAI's deals/;

async function figure(page: Page, label: string): Promise<string> {
  const card = page.locator('.figure', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
  return (await card.locator('.value').textContent())?.trim() ?? '';
}

async function openScenario(page: Page, name: RegExp | string): Promise<void> {
  await firstChartMs(page);
  await page.getByRole('navigation', { name: 'Scenarios' }).getByRole('button', { name }).first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(name);
}

const share = 'Revenue share to Microsoft';
const amazon = 'Amazon equity investment in OpenAI (up to $50B)';

function group(page: Page, label: string) {
  return page.locator('section.group', { has: page.getByRole('heading', { level: 3, name: label, exact: true }) });
}

describe('the timeline of a deal', () => {
  test('adds, edits and removes a dated change, and the figures follow', async ({ page }) => {
    await openScenario(page, briefing);
    await expect.poll(() => figure(page, 'Cap reached')).toBe('2029Q2');
    const g = group(page, share);
    // The amendment of 2026-04-27 is on the timeline with its note.
    const amendment = g.locator('[data-event="contracts.msft_revshare.changes.2026Q2"]');
    await expect.poll(() => amendment.getByRole('textbox', { name: `${share}: note of rate 20%` }).inputValue()).toContain('Amended agreement of 2026-04-27');
    await g.scrollIntoViewIfNeeded();
    await g.locator('.timeline').screenshot({ path: join(artifacts, 'timeline-light.png') });

    // Add a change: 10% from 2028Q1. Less is paid each quarter, so the cap binds later.
    await g.getByRole('button', { name: 'Add a dated change' }).click();
    await g.getByRole('combobox', { name: `${share}: what to add` }).selectOption('rate');
    await g.getByRole('textbox', { name: `${share}: quarter of the new event` }).fill('2028Q1');
    await g.getByRole('textbox', { name: `${share}: value of the new event` }).fill('10%');
    await g.getByRole('button', { name: 'Add', exact: true }).click();
    const added = g.locator('[data-event="contracts.msft_revshare.changes.2028Q1"]');
    await expect.poll(() => added.count()).toBe(1);
    await expect.poll(() => figure(page, 'Cap reached')).toBe('2030Q1');

    // Edit its rate with the exact field, then give it a note and a source.
    const rate = page.getByRole('textbox', { name: `${share}: Rate from 2028Q1, exact value` });
    await rate.fill('15%');
    await rate.press('Enter');
    await expect.poll(() => figure(page, 'Cap reached')).toBe('2029Q3');
    const note = added.getByRole('textbox', { name: `${share}: note of rate 15%` });
    await note.fill('Renegotiated after the listing');
    await note.press('Enter');
    const source = added.getByRole('textbox', { name: `${share}: source of rate 15%` });
    await source.fill('Press report, 2027-12');
    await source.press('Enter');
    await expect.poll(() => source.inputValue()).toBe('Press report, 2027-12');
    await expect.poll(() => note.inputValue()).toBe('Renegotiated after the listing');

    // A change outside the contract's term is refused in place, and nothing moves.
    await added.getByRole('textbox', { name: `${share}: quarter of rate 15%` }).fill('2035Q1');
    await added.getByRole('textbox', { name: `${share}: quarter of rate 15%` }).press('Enter');
    await expect.poll(() => added.getByRole('alert').textContent()).toContain('outside');
    await expect.poll(() => figure(page, 'Cap reached')).toBe('2029Q3');

    // Moved to 2029Q1, then removed: the figures come back.
    await added.getByRole('textbox', { name: `${share}: quarter of rate 15%` }).fill('2029Q1');
    await added.getByRole('textbox', { name: `${share}: quarter of rate 15%` }).press('Enter');
    const moved = g.locator('[data-event="contracts.msft_revshare.changes.2029Q1"]');
    await expect.poll(() => moved.count()).toBe(1);
    await expect.poll(() => figure(page, 'Cap reached')).toBe('2029Q2');
    await moved.getByRole('button', { name: `Remove rate 15% (2029Q1) from ${share}` }).click();
    await expect.poll(() => moved.count()).toBe(0);
    await expect.poll(() => figure(page, 'Cap reached')).toBe('2029Q2');
    await expect.poll(() => figure(page, 'Paid to Microsoft')).toBe('$41.76B');
  });

  test('edits a tranche: its amount, condition, quarter and deadline', async ({ page }) => {
    await openScenario(page, briefing);
    const g = group(page, amazon);
    const tranche = g.locator('[data-event="contracts.amazon_investment.tranches.contingent"]');
    await expect.poll(() => tranche.textContent()).toContain('tranche contingent pays $35.00B');
    const amount = tranche.getByRole('textbox', { name: /Tranche contingent.*exact value/ });
    await amount.fill('30B');
    await amount.press('Enter');
    await expect.poll(() => tranche.textContent()).toContain('tranche contingent pays $30.00B');
    const condition = tranche.getByRole('textbox', { name: `${amazon}: condition of tranche contingent pays $30.00B` });
    await condition.fill('An IPO filing before the deadline');
    await condition.press('Enter');
    await expect.poll(() => condition.inputValue()).toBe('An IPO filing before the deadline');
    // Past its deadline (2028Q4) the tranche is never paid.
    const at = tranche.getByRole('textbox', { name: `${amazon}: quarter of tranche contingent pays $30.00B` });
    await at.fill('2029Q2');
    await at.press('Enter');
    await expect.poll(() => tranche.textContent()).toContain('never paid');
    await g.scrollIntoViewIfNeeded();
    await g.locator('.timeline').screenshot({ path: join(artifacts, 'timeline-tranche-light.png') });
    // A later deadline makes it payable again.
    const deadline = g.locator('[data-event="contracts.amazon_investment.tranches.contingent.expires"]');
    await deadline.getByRole('textbox').first().fill('2029Q4');
    await deadline.getByRole('textbox').first().press('Enter');
    await expect.poll(() => tranche.textContent()).toContain('tranche contingent pays $30.00B');
  });

  test('adds a valuation mark, moves it, and moves a reported quarter', async ({ page }) => {
    await openScenario(page, briefing);
    const stake = "Microsoft's stake in OpenAI";
    const g = group(page, stake);
    await expect.poll(() => figure(page, "Microsoft's stake")).toMatch(/^\$/);
    const before = await figure(page, "Microsoft's stake");

    // A new round at $1.2T in 2027Q2: the stake is worth more at the end.
    await g.scrollIntoViewIfNeeded();
    await g.getByRole('button', { name: 'Add a dated change' }).click();
    await g.getByRole('combobox', { name: `${stake}: what to add` }).selectOption('mark');
    await g.getByRole('textbox', { name: `${stake}: quarter of the new event` }).fill('2027q2');
    await g.getByRole('textbox', { name: `${stake}: value of the new event` }).fill('1.2T');
    await g.getByRole('button', { name: 'Add', exact: true }).click();
    const mark = g.locator('[data-event="contracts.msft_stake.valuation.marks.2027Q2"]');
    await expect.poll(() => mark.count()).toBe(1);
    await expect.poll(() => mark.textContent()).toContain('valued at $1.20T');
    await expect.poll(() => figure(page, "Microsoft's stake")).not.toBe(before);
    await g.locator('.timeline').screenshot({ path: join(artifacts, 'timeline-mark-light.png') });

    // Onto a quarter that has a mark: refused in place, nothing moves.
    const quarter = mark.getByRole('textbox', { name: `${stake}: quarter of valued at $1.20T` });
    await quarter.fill('2026Q1');
    await quarter.press('Enter');
    await expect.poll(() => mark.getByRole('alert').textContent()).toContain('two valuation marks in 2026Q1');
    // After the horizon's end it shapes nothing inside it: the figure is as before.
    await quarter.fill('2040Q1');
    await quarter.press('Enter');
    const moved = g.locator('[data-event="contracts.msft_stake.valuation.marks.2040Q1"]');
    await expect.poll(() => moved.count()).toBe(1);
    await expect.poll(() => figure(page, "Microsoft's stake")).toBe(before);
    await moved.getByRole('button', { name: `Remove valued at $1.20T (2040Q1) from ${stake}` }).click();
    await expect.poll(() => moved.count()).toBe(0);

    // The reported quarter of 2026Q1 moves to 2026Q2 (reported late): the timeline
    // and the input follow it.
    const revenue = 'OpenAI revenue';
    const r = group(page, revenue);
    const actual = r.locator('[data-event="streams.openai_revenue.actuals.2026Q1"]');
    await r.scrollIntoViewIfNeeded();
    await expect.poll(() => actual.count()).toBe(1);
    const rq = actual.getByRole('textbox', { name: new RegExp(`^${revenue}: quarter of `) });
    await rq.fill('2026Q2');
    await rq.press('Enter');
    const late = r.locator('[data-event="streams.openai_revenue.actuals.2026Q2"]');
    await expect.poll(() => late.count()).toBe(1);
    await expect.poll(() => actual.count()).toBe(0);
    await r.locator('.timeline').screenshot({ path: join(artifacts, 'timeline-actual-moved-light.png') });
  });

  test('chooses how a stake is valued: a revenue multiple turned into marks, a round added', async ({ page }) => {
    await openScenario(page, /^Microsoft's stake at a constant revenue multiple/);
    const stake = "Microsoft's stake in OpenAI";
    const g = group(page, stake);
    const method = g.getByRole('combobox', { name: `${stake}: Valuation` });
    await expect.poll(() => method.inputValue()).toBe('revenue_multiple');
    await expect.poll(() => g.getByRole('combobox', { name: `${stake}: Revenue` }).inputValue()).toBe('openai_revenue');
    const before = await figure(page, "Microsoft's stake");

    await method.selectOption('marks');
    // One mark at start, of the valuation it had; the stream's choice gives way
    // to how the marks are joined.
    const first = g.locator('[data-event="contracts.msft_stake.valuation.marks.2025Q1"]');
    await expect.poll(() => first.count()).toBe(1);
    await expect.poll(() => first.textContent()).toContain('valued at $852.00B');
    await expect.poll(() => g.getByRole('combobox', { name: `${stake}: Revenue` }).count()).toBe(0);
    const join_ = g.getByRole('combobox', { name: `${stake}: Between marks` });
    await expect.poll(() => join_.inputValue()).toBe('step');
    await expect.poll(() => figure(page, "Microsoft's stake")).not.toBe(before);
    const held = await figure(page, "Microsoft's stake");

    // A round at $1.5T in 2028Q1, then straight lines between the marks.
    await g.getByRole('button', { name: 'Add a dated change' }).click();
    await g.getByRole('combobox', { name: `${stake}: what to add` }).selectOption('mark');
    await g.getByRole('textbox', { name: `${stake}: quarter of the new event` }).fill('2028Q1');
    await g.getByRole('textbox', { name: `${stake}: value of the new event` }).fill('1.5T');
    await g.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => g.locator('[data-event="contracts.msft_stake.valuation.marks.2028Q1"]').count()).toBe(1);
    await expect.poll(() => figure(page, "Microsoft's stake")).not.toBe(held);
    await join_.selectOption('linear');
    await expect.poll(() => join_.inputValue()).toBe('linear');
    await g.scrollIntoViewIfNeeded();
    await g.screenshot({ path: join(artifacts, 'stake-marks-light.png') });

    // Undone, the marks are joined step by step again.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => join_.inputValue()).toBe('step');
  });

  test('draws reported quarters apart from the plan, and gigawatts by provider', async ({ page }) => {
    await openScenario(page, briefing);
    const revenue = page.locator('.charts figure').first();
    await revenue.scrollIntoViewIfNeeded();
    await revenue.screenshot({ path: join(artifacts, 'revenue-actual-light.png') });
    const gw = page.locator('.charts figure', { hasText: 'Capacity in service by provider (GW)' });
    await expect.poll(() => gw.count()).toBe(1);
    await gw.scrollIntoViewIfNeeded();
    await expect.poll(() => gw.locator('canvas').count()).toBeGreaterThan(0);
    await gw.screenshot({ path: join(artifacts, 'gw-light.png') });
  });

  test('dark', async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'dark' });
    await openScenario(page, briefing);
    const g = group(page, share);
    await g.scrollIntoViewIfNeeded();
    await g.locator('.timeline').screenshot({ path: join(artifacts, 'timeline-dark.png') });
    const revenue = page.locator('.charts figure').first();
    await revenue.scrollIntoViewIfNeeded();
    await revenue.screenshot({ path: join(artifacts, 'revenue-actual-dark.png') });
    const gw = page.locator('.charts figure', { hasText: 'Capacity in service by provider (GW)' });
    await gw.scrollIntoViewIfNeeded();
    await gw.screenshot({ path: join(artifacts, 'gw-dark.png') });
  });
});
