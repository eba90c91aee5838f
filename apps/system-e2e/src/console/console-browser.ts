import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (installed by the test setup); playwright-core never downloads a browser. */
export function launchChromium(): Promise<Browser> {
  // launch() gives every run a fresh temporary user-data-dir and removes it on close.
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1400, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A browser context signed in to the console with `token` (through the sign-in form, by keyboard). */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  token: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: DESKTOP });
  // Every wait (a navigation after a write that answers once Kafka has it) may be slow on a loaded machine.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('API token').fill(token);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/`);
  return { context, page };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's WCAG 2.x A/AA rules on the current page; returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, so the console's CSP (no inline script) does not block it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((result) =>
      result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) })),
    )`);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

const SCREENSHOT_DIR = process.env.UPDATE_CONSOLE_SCREENSHOTS
  ? join(__dirname, '..', '..', '..', '..', 'docs', 'console')
  : join(__dirname, '..', '..', '..', '..', '.stack', 'test', 'console-screenshots');

/** A screenshot of the viewport; into docs/console/ when UPDATE_CONSOLE_SCREENSHOTS is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}
