// Baseline: the app opens in a browser, lists the built-in scenarios and draws a
// chart; its API refuses calls without the token, from a foreign Host or a foreign
// Origin; and how long a cold start takes to the first chart.
import type { Request } from 'playwright-core';
import { join } from 'node:path';
import {
  artifacts,
  browserSettled,
  describe,
  expect,
  firstChartMs,
  rawRequest,
  reportPerf,
  startServer,
  test,
} from './harness';

interface Listed {
  name: string;
}

test('lists the built-in scenarios and draws a chart', async ({ page, server }) => {
  const listed = await server.call<Listed[]>('ListScenarios');
  expect(listed.length).toBeGreaterThanOrEqual(8);
  for (const s of listed) {
    await expect
      .poll(() => page.getByText(s.name, { exact: true }).count(), { message: `"${s.name}" is listed` })
      .toBeGreaterThan(0);
  }
  await firstChartMs(page);
  // A chart is an echarts canvas (or SVG) with a size, not an empty box.
  const drawn = await page.evaluate(() =>
    Array.from(document.querySelectorAll('canvas, svg')).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 100 && r.height > 100;
    }).length,
  );
  expect(drawn).toBeGreaterThan(0);
});

test('draws in the dark colour scheme too', async ({ newPage }) => {
  const page = await newPage({ colorScheme: 'dark' });
  await firstChartMs(page);
  await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
});

describe('the API refuses what a page of another site could send', () => {
  test('replays of the page\'s own call', async ({ page, server }) => {
    // Catch a call the page itself makes, with its headers and body.
    let reloaded: Promise<unknown> = Promise.resolve();
    const call = await new Promise<Request>((ok) => {
      const seen = (r: Request) => {
        if (r.url().includes('/api/call/')) {
          page.off('request', seen);
          ok(r);
        }
      };
      page.on('request', seen);
      reloaded = page.reload({ waitUntil: 'domcontentloaded' });
    });
    await reloaded; // settled before the test ends, so its page cannot close under it
    const path = new URL(call.url()).pathname;
    const headers = await call.allHeaders();
    const body = call.postData() ?? '[]';
    expect(headers['x-dealmodel-token']).toBe(server.token);
    const replay = (h: Record<string, string>) =>
      rawRequest(server, { method: 'POST', path, body, headers: { 'Content-Type': 'application/json', ...h } });

    // As the page sent it: answered.
    const same = await replay({ Host: server.host, Origin: server.base, 'X-Dealmodel-Token': server.token });
    expect(same.status, same.body).toBe(200);

    const noToken = await replay({ Host: server.host, Origin: server.base });
    expect(noToken.status, noToken.body).toBe(401);
    const badToken = await replay({ Host: server.host, 'X-Dealmodel-Token': 'f'.repeat(64) });
    expect(badToken.status, badToken.body).toBe(401);

    // DNS rebinding: a name of the attacker's pointing at 127.0.0.1.
    const foreignHost = await replay({ Host: `rebind.example:${server.port}`, 'X-Dealmodel-Token': server.token });
    expect(foreignHost.status, foreignHost.body).toBe(403);

    const foreignOrigin = await replay({ Host: server.host, Origin: 'http://evil.example', 'X-Dealmodel-Token': server.token });
    expect(foreignOrigin.status, foreignOrigin.body).toBe(403);
    expect(foreignOrigin.headers['access-control-allow-origin']).toBeUndefined();

    // The page itself is not served to a foreign Host either.
    const page403 = await rawRequest(server, { path: '/', headers: { Host: `rebind.example:${server.port}` } });
    expect(page403.status).toBe(403);
  });
});

test('cold start to first chart', async ({ newPage }) => {
  // A server of its own, started now with a new database (seeding included), as a
  // user's first launch; the browser is already running with a page open, as a
  // user's would be, and done opening its window.
  const page = await newPage({ goto: false });
  await browserSettled();
  const calls: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/call\/app\.Service\.(\w+)$/.exec(r.url());
    if (m) calls.push(m[1]);
  });
  const s = await startServer();
  try {
    await page.goto(s.url, { waitUntil: 'domcontentloaded' });
    const first = await firstChartMs(page);
    const origin = await page.evaluate(() => performance.timeOrigin);
    const cold = origin + first - s.spawnedAt;
    expect(cold).toBeGreaterThan(0);
    reportPerf('first-chart', cold);
    reportPerf('first-chart-after-page-load', first);
    // The first screen is one call (made by the bridge while the page's scripts
    // load), not the list, the scenario and its evaluation one after another.
    expect(calls.filter((c) => c === 'FirstScreen')).toHaveLength(1);
    expect(calls.filter((c) => ['ListScenarios', 'OpenScenario', 'Evaluate', 'Settings'].includes(c))).toEqual([]);
  } finally {
    // The page leaves before its server stops: once the first charts are drawn it
    // fetches the dialogs' chunks when idle, and a fetch from a stopped server is
    // a problem of the test, not of the page. Its problems until then still count.
    await page.screenshot({ path: join(artifacts, 'baseline--cold-start.png') }).catch(() => {});
    await page.close();
    await s.stop();
  }
});
