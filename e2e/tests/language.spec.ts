import { documentTitle, expect, header, openPage, test, waitForApp, WIDTHS } from './helpers';

test('switching to English changes the texts and html lang, and the choice survives a reload', async ({
  page,
  site,
}) => {
  await openPage(page, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('button', { name: 'Svenska' })).toHaveAttribute('aria-pressed', 'true');

  await (await header(page)).getByRole('button', { name: 'English' }).click();

  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Welcome to Mina sidor');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeAttached();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveTitle(documentTitle('Start page', site));
  expect(await page.evaluate(() => window.localStorage.getItem('lang'))).toBe('en');

  await page.reload();
  await waitForApp(page);

  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Welcome to Mina sidor');

  await (await header(page)).getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.locator('main h1')).toHaveText('Välkommen till Mina sidor');
});

test('an unknown stored language falls back to Swedish', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('lang', 'xx'));
  await openPage(page, '/');

  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.locator('main h1')).toHaveText('Välkommen till Mina sidor');
});

for (const width of WIDTHS) {
  test(`a click on the language switch works right after tabbing to the skip link at ${width} px`, async ({
    page,
  }) => {
    // The focused skip link must neither cover the switch nor move the page when it loses focus.
    await page.setViewportSize({ width, height: 800 });
    await openPage(page, '/');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Hoppa till huvudinnehållet' })).toBeFocused();

    await (await header(page)).getByRole('button', { name: 'English' }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
}
