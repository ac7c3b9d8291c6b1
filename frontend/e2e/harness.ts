/**
 * End-to-end harness: the real app, served by `dealmodel serve`, driven in Debian's
 * headless Chromium with playwright-core. It builds nothing: it runs
 * build/bin/dealmodel (make build), or the binary named by DEALMODEL_BIN.
 *
 * Run: `npm run e2e` in frontend/ (make e2e builds first). Specs are
 * frontend/e2e/*.spec.ts; they run one file at a time, so timings are not skewed by
 * a neighbour.
 *
 * Writing a spec:
 *
 *   import { test, expect } from './harness';
 *
 *   test('shows the briefing', async ({ page, server }) => {
 *     await page.getByText(/^Briefing/).first().click();
 *     await expect.poll(() => page.locator('canvas').count()).toBeGreaterThan(0);
 *   });
 *
 * Fixtures (destructure what you need):
 *   server      once per spec file: a `dealmodel serve` on a random loopback port
 *               with a fresh database in a temporary folder (see AppServer:
 *               url, base, token, host, port, db, call(), log()). Specs in one file
 *               share it, and so its database; each file starts from the built-ins.
 *   browser     once per spec file: Chromium (/usr/bin/chromium, or CHROMIUM).
 *   colorScheme 'light' (default) or 'dark': the prefers-color-scheme the pages
 *               see. Override for a group: `test.scoped({ colorScheme: 'dark' })`
 *               inside a describe, or per page with page.emulateMedia().
 *   page        a new page in a new browser context, already at the app's address
 *               (DOM loaded; wait for what you need yourself). When the test ends a
 *               screenshot goes to $ARTIFACTS/<spec>--<test>.png (default
 *               artifacts/e2e at the repository root), and the test FAILS if the
 *               page logged a console error or threw an uncaught error.
 *   allowConsoleErrors(re)  a test that provokes an error on purpose declares it:
 *               console errors matching re no longer fail the test.
 *   newPage(options?)  another page like `page` (own context; same checks and a
 *               screenshot of its own), e.g. `newPage({ colorScheme: 'dark' })`
 *               or `newPage({ goto: false })` for one not yet at the app.
 *
 * Helpers:
 *   startServer(options?)  a server of your own (the cold-start spec uses one);
 *               stop it with `await s.stop()`.
 *   rawRequest(server, { method, path, headers, body })  an HTTP request with
 *               exactly the headers given (Host included), for the security specs.
 *   browserSettled()  waits until the browser has finished opening its windows
 *               (the cold-start spec starts its clock after it).
 *   firstChartMs(page)  waits for the UI's first drawn chart and returns its time
 *               in ms after the page's time origin (window.__dmPerf.firstChart, or
 *               the data-first-chart attribute of older builds).
 *   reportPerf(name, value, unit?)  prints `perf: name=value<unit>` and records it;
 *               at the end of the run one line `perf: a=… b=…` sums them up.
 *   percentile(values, p)  the p-th percentile (nearest rank).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { test as base } from 'vitest';
import { artifacts, binary, chromiumPath, perfFile } from './paths';

export { expect, describe } from 'vitest';

export { artifacts, binary, chromiumPath, perfFile, repoRoot } from './paths';

/**
 * Chromium's flags: headless without a sandbox (CI runs as root, in a container),
 * no GPU, and nothing that talks to the network behind the test's back. Playwright
 * gives each launch a fresh temporary --user-data-dir of its own.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const startTimeout = 20_000;

/** A running `dealmodel serve`. */
export interface AppServer {
  /** The address it printed, with the token: what a user opens. */
  url: string;
  /** http://127.0.0.1:PORT, without a path. */
  base: string;
  token: string;
  /** 127.0.0.1:PORT, the only Host it answers. */
  host: string;
  port: number;
  /** Its database file (in a temporary folder removed by stop()). */
  db: string;
  /** When the process was spawned, in ms since the epoch (like performance.timeOrigin). */
  spawnedAt: number;
  /** Calls a bound method as the page does (`call('ListScenarios')`); rejects with the error text. */
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  /** What it wrote to stderr so far. */
  log(): string;
  /** Stops it as Ctrl+C does, and removes its temporary folder. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** A database file to use instead of a fresh one. */
  db?: string;
  /** More arguments for `dealmodel serve`. */
  args?: string[];
}

/** Starts `dealmodel serve` on a random loopback port and waits for its address. */
export async function startServer(options: ServerOptions = {}): Promise<AppServer> {
  if (!existsSync(binary)) {
    throw new Error(`no app at ${binary}: build it first (make build), or set DEALMODEL_BIN`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dealmodel-e2e-'));
  const db = options.db ?? join(dir, 'dealmodel.db');
  const spawnedAt = performance.timeOrigin + performance.now();
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    binary,
    ['serve', '--addr', '127.0.0.1:0', '--db', db, ...(options.args ?? [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Nothing of the user's: no config folder, no default database.
      env: { ...process.env, XDG_CONFIG_HOME: dir, DEALMODEL_DB: db },
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));

  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`dealmodel serve printed no address within ${startTimeout}ms; stderr:\n${stderr}`)), startTimeout);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      out += s;
      const m = /^(http:\/\/\S+\/\?token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`dealmodel serve exited (${code}) before printing its address; stderr:\n${stderr}`));
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
  });
  const u = new URL(url);
  const token = u.searchParams.get('token') ?? '';
  const base = u.origin;

  let stopped = false;
  return {
    url,
    base,
    token,
    host: u.host,
    port: Number(u.port),
    db,
    spawnedAt,
    log: () => stderr,
    async call<T>(method: string, ...args: unknown[]): Promise<T> {
      const res = await fetch(`${base}/api/call/app.Service.${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Dealmodel-Token': token },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as { result?: T; error?: string };
      if (!res.ok || body.error !== undefined) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
      return body.result as T;
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // as Ctrl+C: the server shuts down cleanly
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        const code = await exited;
        clearTimeout(timer);
        if (code !== 0) {
          rmSync(dir, { recursive: true, force: true });
          throw new Error(`dealmodel serve did not stop cleanly on Ctrl+C (exit ${code}); stderr:\n${stderr}`);
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches Chromium headless with chromiumArgs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: install Debian's chromium (make test does), or set CHROMIUM`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * rawRequest sends one request to the server's port with exactly these headers:
 * Node's http module sends the Host given here, which fetch would not.
 */
export function rawRequest(
  server: Pick<AppServer, 'port'>,
  req: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((ok, fail) => {
    const r = http.request(
      { host: '127.0.0.1', port: server.port, method: req.method ?? 'GET', path: req.path, headers: req.headers, setHost: !req.headers?.Host },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => (body += s));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    r.on('error', fail);
    r.setTimeout(10_000, () => r.destroy(new Error(`${req.method ?? 'GET'} ${req.path}: no answer within 10s`)));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** window.__dmPerf as the UI exposes it (any field may be missing in older builds). */
export interface DmPerf {
  redraw?: number[];
  firstChart?: number;
}

/**
 * firstChartMs waits until the UI reports its first drawn chart and returns when
 * that was, in ms after the page's time origin.
 */
export async function firstChartMs(page: Page, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const perf = (window as unknown as { __dmPerf?: DmPerf }).__dmPerf;
      if (perf && typeof perf.firstChart === 'number' && perf.firstChart > 0) return perf.firstChart;
      const attr = document.documentElement.dataset.firstChart;
      return attr ? Number(attr) : 0;
    },
    undefined,
    { timeout },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * browserCpuMs is the CPU time, in ms, used so far by the processes this test
 * process started and their children (the browser's), from /proc; null where there
 * is no /proc.
 */
function browserCpuMs(): number | null {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const tick = 10; // ms a clock tick (USER_HZ is 100 on Linux)
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const d of names) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // After "pid (comm) ": state ppid ... utime (14th field) stime (15th).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      cpu.set(Number(d), (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  for (const [pid, ms] of cpu) {
    for (let p: number | undefined = parent.get(pid), n = 0; p !== undefined && n < 64; p = parent.get(p), n++) {
      if (p === process.pid) {
        sum += ms;
        break;
      }
    }
  }
  return sum;
}

/**
 * browserSettled waits until the browser has finished opening its windows: a new
 * window of Chromium 156 loads the WebUI pages of its address bar's popup, 1–1.5 s
 * of CPU on a 2-core machine, which a user's browser, open for a while, has long
 * done. It returns once the browser's processes used under a tenth of a core for a
 * quarter of a second, after maxMs at the latest (where there is no /proc, at once),
 * so that a timing started next measures the app, not the browser's own start.
 */
export async function browserSettled(maxMs = 5000): Promise<void> {
  const window = 250;
  const deadline = performance.now() + maxMs;
  const first = browserCpuMs();
  if (first === null) return;
  let last = first;
  while (performance.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, window));
    const now: number = browserCpuMs() ?? last;
    if (now - last < window / 10) return;
    last = now;
  }
}

/** percentile returns the p-th percentile (0..100) of values, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** reportPerf prints one measured figure as `perf: name=value<unit>` and records it for the summary line. */
export function reportPerf(name: string, value: number | string, unit = 'ms'): void {
  const shown = typeof value === 'number' ? `${Math.round(value * 10) / 10}${unit}` : value;
  console.log(`perf: ${name}=${shown}`);
  mkdirSync(artifacts, { recursive: true });
  appendFileSync(perfFile, JSON.stringify({ name, value: shown }) + '\n');
}

export interface PageOptions extends BrowserContextOptions {
  /** Open the app's address (default true). */
  goto?: boolean;
}

interface TestFixtures {
  colorScheme: 'light' | 'dark';
  page: Page;
  newPage: (options?: PageOptions) => Promise<Page>;
  allowConsoleErrors: (re: RegExp) => void;
  pageProblems: { allowed: RegExp[]; pages: { page: Page; name: string; problems: string[] }[] };
}

interface FileFixtures {
  server: AppServer;
  browser: Browser;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120);
}

export const test = base.extend<TestFixtures & FileFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const s = await startServer();
      await use(s);
      await s.stop();
    },
    { scope: 'file' },
  ],
  browser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const b = await launchBrowser();
      await use(b);
      await b.close();
    },
    { scope: 'file' },
  ],
  colorScheme: 'light',
  pageProblems: async ({ task }, use) => {
    const state: TestFixtures['pageProblems'] = { allowed: [], pages: [] };
    await use(state);
    // Every page of the test: a screenshot, then its problems.
    mkdirSync(artifacts, { recursive: true });
    const file = slug((task.file?.name ?? 'spec').replace(/^.*\//, '').replace(/\.spec\.ts$/, ''));
    const failures: string[] = [];
    for (const [i, p] of state.pages.entries()) {
      const name = `${file}--${slug(task.name)}${i ? `-${i + 1}` : ''}.png`;
      if (!p.page.isClosed()) {
        await p.page.screenshot({ path: join(artifacts, name), fullPage: false }).catch((err: Error) => {
          writeFileSync(join(artifacts, name + '.txt'), `no screenshot: ${err.message}\n`);
        });
        await p.page.context().close();
      }
      for (const msg of p.problems) {
        if (msg.startsWith('console error: ') && state.allowed.some((re) => re.test(msg))) continue;
        failures.push(msg);
      }
    }
    if (failures.length > 0) {
      throw new Error(`the page reported ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
    }
  },
  allowConsoleErrors: async ({ pageProblems }, use) => {
    await use((re: RegExp) => {
      pageProblems.allowed.push(re);
    });
  },
  newPage: async ({ browser, server, colorScheme, pageProblems }, use) => {
    await use(async (options: PageOptions = {}) => {
      const { goto = true, ...ctx } = options;
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 }, ...ctx });
      const page = await context.newPage();
      const entry = { page, name: '', problems: [] as string[] };
      pageProblems.pages.push(entry);
      page.on('console', (m) => {
        if (m.type() === 'error') {
          const loc = m.location();
          entry.problems.push(`console error: ${m.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
        }
      });
      page.on('pageerror', (err) => entry.problems.push(`page error: ${err.stack ?? err.message}`));
      if (goto) await page.goto(server.url, { waitUntil: 'domcontentloaded' });
      return page;
    });
  },
  page: async ({ newPage }, use) => {
    await use(await newPage());
  },
});
