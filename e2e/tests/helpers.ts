import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The WCAG levels Mina sidor must meet: 2.2 AA (the law asks for 2.1 AA via EN 301 549). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Narrowest supported width (400 % zoom of 1280 px) and a common desktop width. */
export const WIDTHS = [320, 1280] as const;

/** The app's pages with their Swedish and English headings and tab titles. */
export const PAGES = [
  {
    name: 'start page',
    path: '/',
    h1: { sv: 'Välkommen till Mina sidor', en: 'Welcome to Mina sidor' },
    title: { sv: 'Startsida', en: 'Start page' },
  },
  {
    name: 'login page',
    path: '/logga-in',
    h1: { sv: 'Logga in', en: 'Log in' },
    title: { sv: 'Logga in', en: 'Log in' },
  },
  {
    name: 'accessibility statement',
    path: '/tillganglighet',
    h1: { sv: 'Tillgänglighet för Mina sidor', en: 'Accessibility of Mina sidor' },
    title: { sv: 'Tillgänglighetsredogörelse', en: 'Accessibility statement' },
  },
  {
    name: 'privacy page',
    path: '/integritet',
    h1: { sv: 'Så behandlar vi dina personuppgifter', en: 'How we process your personal data' },
    title: { sv: 'Personuppgifter', en: 'Personal data' },
  },
  {
    name: 'e-service catalogue',
    path: '/e-tjanster',
    h1: { sv: 'E-tjänster', en: 'E-services' },
    title: { sv: 'E-tjänster', en: 'E-services' },
  },
  {
    name: 'start page of an e-service',
    path: '/e-tjanster/felanmalan-gata-park',
    h1: { sv: 'Felanmälan gata och park', en: 'Report a fault in a street or park' },
    title: { sv: 'Felanmälan gata och park', en: 'Report a fault in a street or park' },
  },
  {
    name: 'page-not-found page',
    path: '/finns-inte/alls',
    h1: { sv: 'Sidan finns inte', en: 'Page not found' },
    title: { sv: 'Sidan finns inte', en: 'Page not found' },
  },
] as const;

export type AppPage = (typeof PAGES)[number];

/** What `GET /api/v1/site` says about the installation (the fields the tests need). */
export interface SiteInfo {
  municipality_name: string;
  contact_email: string;
}

type Fixtures = {
  /** Console messages of type error that a test expects; anything else fails the test. */
  allowedConsoleErrors: RegExp[];
  /** Collects console errors and uncaught exceptions and fails the test if any are unexpected. */
  failOnConsoleErrors: void;
  /** The site information the server hands the app. */
  site: SiteInfo;
};

/**
 * Chromium logs every 4xx answer as a console error. Two are part of normal use and are let
 * through, each only for its exact message and address:
 * - the app asks `GET /api/v1/session` when it starts, and when nobody is logged in the answer
 *   is 401;
 * - the QR code's image is fetched anew every second; a frame asked for just as the login (or a
 *   BankID signature) ends, in that same second, gets 404, since the code of a finished order is
 *   gone.
 */
function isExpectedNetworkError(text: string, url: string): boolean {
  const path = new URL(url, 'http://x').pathname;
  const status = /^Failed to load resource: the server responded with a status of (\d+) /.exec(text)?.[1];
  return (
    (status === '401' && path === '/api/v1/session') ||
    (status === '404' && /^\/api\/v1\/(auth\/bankid|signings)\/[0-9a-f-]+\/qr\.svg$/.test(path))
  );
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  failOnConsoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (isExpectedNetworkError(text, message.location().url)) return;
        if (!allowedConsoleErrors.some((allowed) => allowed.test(text))) {
          errors.push(`console.error: ${text} (${message.location().url})`);
        }
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await use();
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  site: async ({ request }, use) => {
    const response = await request.get('/api/v1/site');
    expect(response.ok(), 'GET /api/v1/site').toBeTruthy();
    await use((await response.json()) as SiteInfo);
  },
});

export { expect };

/**
 * Opens a path and waits until the app has rendered the page and loaded the site information, so
 * that checks see the page as a person would.
 */
export async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForApp(page);
}

/** Waits for the page's heading and the municipality's name in the header. */
export async function waitForApp(page: Page): Promise<void> {
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('.site-brand__org')).toBeVisible();
}

/** Runs axe-core on the whole page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
  );
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

/** The document title the app sets: "<Page> – Mina sidor – <municipality>". */
export function documentTitle(page: string, site: SiteInfo): string {
  return `${page} – Mina sidor – ${site.municipality_name}`;
}

/** Whether the page scrolls sideways. */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/**
 * The page header with its links showing: on a narrow screen they are folded into the "Meny"
 * button, which this opens first.
 */
export async function header(page: Page): Promise<Locator> {
  const banner = page.getByRole('banner');
  // The app has drawn the header (its brand link is always there).
  await expect(banner.getByRole('link').first()).toBeVisible();
  const menu = banner.getByRole('button', { name: /^(Meny|Menu)$/ });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
  }
  return banner;
}
