import { documentTitle, expect, header, openPage, PAGES, test } from './helpers';

test('the skip link is the first tab stop and moves focus to the main content', async ({ page }) => {
  await openPage(page, '/');

  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeVisible();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/\/$/);

  // The next tab stop is inside the main content, not back in the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('the first page load leaves focus at the top of the document', async ({ page }) => {
  await openPage(page, '/');

  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
});

test('following the footer link updates the title and moves focus to the heading', async ({
  page,
  site,
}) => {
  await openPage(page, '/');
  await expect(page).toHaveTitle(documentTitle('Startsida', site));

  await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();

  await expect(page).toHaveURL(/\/tillganglighet$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Tillgänglighet för Mina sidor');
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle(documentTitle('Tillgänglighetsredogörelse', site));

  await page.getByRole('contentinfo').getByRole('link', { name: 'Så behandlar vi dina personuppgifter' }).click();
  await expect(page).toHaveURL(/\/integritet$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page).toHaveTitle(documentTitle('Personuppgifter', site));

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tillgänglighet för Mina sidor');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('every page has its own title', async ({ page, site }) => {
  for (const appPage of PAGES) {
    await openPage(page, appPage.path);
    await expect(page).toHaveTitle(documentTitle(appPage.title.sv, site));
  }
});

test('the start page leads to the login page, which offers both ways to log in with BankID', async ({
  page,
}) => {
  await openPage(page, '/');

  await page.getByRole('main').getByRole('link', { name: 'Logga in med BankID' }).click();

  await expect(page).toHaveURL(/\/logga-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logga in');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('button', { name: 'BankID på den här enheten' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'BankID på en annan enhet' })).toBeVisible();
});

test('the header links to the login page when nobody is logged in', async ({ page }) => {
  await openPage(page, '/');

  await (await header(page)).getByRole('link', { name: 'Logga in' }).click();

  await expect(page).toHaveURL(/\/logga-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('an unknown address shows the page-not-found page with a way back', async ({ page }) => {
  await openPage(page, '/det-har-finns-inte');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan finns inte');
  await page.getByRole('link', { name: 'Gå till startsidan' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen till Mina sidor');
});

test('the header and footer show the municipality and its contact address', async ({ page, site }) => {
  await openPage(page, '/');

  await expect((await header(page))).toContainText(site.municipality_name);
  await expect(page.getByRole('contentinfo').getByRole('link', { name: site.contact_email })).toHaveAttribute(
    'href',
    `mailto:${site.contact_email}`,
  );
});
