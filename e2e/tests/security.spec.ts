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
