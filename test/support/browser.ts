import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package; `.ci/run` installs it. */
export const CHROMIUM = process.env.BATCH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or null when they can. Under CI they must run: a missing
 * browser is then a failure, not a skip.
 */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.env.CI === 'true')
    throw new Error(`CI=true but ${CHROMIUM} is missing (.ci/run installs chromium)`);
  return `no Chromium at ${CHROMIUM}: install Debian's chromium package (or set BATCH_CHROMIUM) to run the browser tests`;
}

/** A page opened from disk in headless Chromium with the network blocked, and what it tried to do. */
export interface OpenedPage {
  page: Page;
  /** Console errors, page errors and CSP violations. */
  errors: string[];
  /** Every request other than the file itself. */
  requests: string[];
  close(): Promise<void>;
}

/** Opens an HTML file from file:// in a fresh headless Chromium profile, with every request refused. */
export async function openInChromium(
  file: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<OpenedPage> {
  const profile = mkdtempSync(join(tmpdir(), 'batch-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    offline: true,
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url && !requests.includes(request.url())) requests.push(request.url());
  });
  await page.goto(url);
  return {
    page,
    errors,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
