import { PAGES, expect, test, waitForApp } from './helpers';

test('the served page has a strict Content-Security-Policy and the app still renders under it', async ({
  page,
}) => {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI}`,
      );
    });
  });

  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  const csp = response?.headers()['content-security-policy'] ?? '';

  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toMatch(/'sha256-[A-Za-z0-9+/]+={0,2}'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("'unsafe-inline'");
  expect(csp).not.toContain("'unsafe-eval'");

  // The page only renders if the inline WASM loader ran, i.e. its hash is in the policy.
  await waitForApp(page);
  expect(violations).toEqual([]);
});

test('every route is served the app with the same policy (SPA fallback)', async ({ request }) => {
  for (const appPage of PAGES) {
    const response = await request.get(appPage.path);
    expect(response.status(), appPage.path).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    expect(response.headers()['content-security-policy'] ?? '', appPage.path).toContain('script-src');
  }
});

test('visiting every page logs no console errors', async ({ page }) => {
  // The failOnConsoleErrors fixture checks the console after this test.
  for (const appPage of PAGES) {
    await page.goto(appPage.path);
    await waitForApp(page);
  }
});

test('the app loads its optimised module pre-compressed, cached for a year, and the page revalidates', async ({
  page,
}) => {
  const files = new Map<string, Record<string, string>>();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (/\.(wasm|js|css)$/.test(path)) {
      files.set(path, response.headers());
    }
  });
  const document = await page.goto('/');
  expect(document?.headers()['cache-control']).toBe('no-cache');
  await waitForApp(page);
  const wasm = [...files.entries()].find(([path]) => path.endsWith('_bg.wasm'));
  expect(wasm, 'the module was loaded').toBeDefined();
  const [, headers] = wasm!;
  // Chromium asks for brotli; the build made it at the highest level.
  expect(headers['content-encoding']).toBe('br');
  expect(headers['content-type']).toBe('application/wasm');
  for (const [path, fileHeaders] of files) {
    expect(fileHeaders['cache-control'], path).toBe('public, max-age=31536000, immutable');
  }
});
