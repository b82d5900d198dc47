import { expect, expectNoAxeViolations, test } from './helpers';

test.describe('when the site information cannot be loaded', () => {
  test.use({ allowedConsoleErrors: [/status of 503/] });

  test('an alert in Swedish and English shows and the page stays usable', async ({ page }) => {
    await page.route('**/api/v1/site', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' }),
    );

    await page.goto('/');

    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Uppgifterna om tjänsten kunde inte hämtas');
    await expect(alert).toContainText('The information about the service could not be loaded');
    await expect(alert.locator('[lang="en"]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen till Mina sidor');
    await expectNoAxeViolations(page);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tillgänglighet för Mina sidor');
    await expect(page).toHaveTitle('Tillgänglighetsredogörelse – Mina sidor');
  });
});

test('while the site information loads, a polite status says so', async ({ page }) => {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/v1/site', async (route) => {
    await released;
    await route.continue();
  });

  await page.goto('/');

  await expect(page.getByRole('status')).toHaveText('Hämtar uppgifter om tjänsten …');
  release();
  await expect(page.locator('.site-brand__org')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('');
});
