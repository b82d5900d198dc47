import { expect, expectNoAxeViolations, hasHorizontalScroll, header, openPage, PAGES, test, WIDTHS } from './helpers';

for (const appPage of PAGES) {
  test.describe(`the ${appPage.name}`, () => {
    for (const width of WIDTHS) {
      test(`loads in Swedish with no axe violations at ${width} px`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        await openPage(page, appPage.path);

        await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
        await expect(page.locator('main h1')).toHaveText(appPage.h1.sv);
        await expectNoAxeViolations(page);
      });
    }

    test('does not scroll sideways at 320 px', async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 640 });
      await openPage(page, appPage.path);

      expect(await hasHorizontalScroll(page)).toBe(false);
    });

    test('has no axe violations in English', async ({ page }) => {
      await openPage(page, appPage.path);
      await (await header(page)).getByRole('button', { name: 'English' }).click();
      await expect(page.locator('main h1')).toHaveText(appPage.h1.en);

      await expectNoAxeViolations(page);
    });
  });
}

test('every page has a footer link to the accessibility statement and the privacy page', async ({
  page,
}) => {
  for (const appPage of PAGES) {
    await openPage(page, appPage.path);
    const footer = page.getByRole('contentinfo');
    await expect(footer.getByRole('link', { name: 'Tillgänglighetsredogörelse' })).toHaveAttribute(
      'href',
      '/tillganglighet',
    );
    await expect(
      footer.getByRole('link', { name: 'Så behandlar vi dina personuppgifter' }),
    ).toHaveAttribute('href', '/integritet');
  }
});
