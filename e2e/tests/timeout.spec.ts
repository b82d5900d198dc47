import { browserStorage, logIn, sessionStatus } from './bankid';
import { expect, header, test } from './helpers';

/**
 * The 30-minute idle timeout (WCAG 2.2.1). The app runs its countdown on the browser's clock,
 * which `page.clock` fakes; the server keeps real time, so its session is still alive when the
 * browser thinks 30 minutes have passed, and the app ends it with DELETE /api/v1/session.
 */

const WARNING = 'Du loggas snart ut';

test('the warning comes two minutes before the timeout, one key extends the session as often as needed, and no answer logs out', async ({
  page,
  context,
}) => {
  await page.clock.install();
  await logIn(page, context);

  const dialog = page.getByRole('alertdialog', { name: WARNING });
  const stay = dialog.getByRole('button', { name: 'Fortsätt vara inloggad' });
  const logOut = dialog.getByRole('button', { name: 'Logga ut' });
  const live = dialog.locator('[aria-live="polite"]');
  await expect(dialog).toBeHidden();

  // 28.5 minutes without activity: the warning, with focus on the primary button.
  await page.clock.fastForward('28:30');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleDescription(
    /^Du har inte gjort något på Mina sidor på en stund\. Av säkerhetsskäl loggas du ut om 01:[23]\d \(minuter:sekunder\) om du inte väljer att fortsätta\.$/,
  );
  await expect(stay).toBeFocused();
  // The dialog itself is announced when it opens; the live region stays quiet until 60 s.
  await expect(live).toHaveText('');

  // The countdown runs, second by second.
  const before = await dialog.locator('.idle-dialog__countdown').textContent();
  await page.clock.runFor(2_000);
  await expect(dialog.locator('.idle-dialog__countdown')).not.toHaveText(before ?? '');

  // Focus stays in the dialog.
  await page.keyboard.press('Tab');
  await expect(logOut).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(stay).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(logOut).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(stay).toBeFocused();

  // Enter on "Stay logged in": the session is extended and the dialog closes.
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/refresh'));
  await page.keyboard.press('Enter');
  expect((await refreshed).status()).toBe(200);
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/mina-sidor$/);
  expect(await sessionStatus(page)).toBe(200);

  // Again, and again: Escape also means "stay logged in". The 60-second note is said once.
  for (let round = 0; round < 2; round += 1) {
    await page.clock.fastForward('28:30');
    await expect(dialog).toBeVisible();
    await expect(stay).toBeFocused();
    await page.clock.fastForward('00:35');
    await expect(live).toHaveText('En minut kvar innan du loggas ut.');
    const again = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/refresh'));
    await page.keyboard.press('Escape');
    expect((await again).status()).toBe(200);
    await expect(dialog).toBeHidden();
  }

  // No answer: at the end the app logs out and says why.
  await page.clock.fastForward('28:30');
  await expect(dialog).toBeVisible();
  const ended = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'DELETE',
  );
  await page.clock.fastForward('01:31');
  expect((await ended).status()).toBe(204);
  await expect(page).toHaveURL(/\/logga-in\?orsak=inaktiv$/);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('main')).toContainText(
    'Du har loggats ut eftersom du varit inaktiv i 30 minuter.',
  );
  await expect((await header(page)).getByRole('link', { name: 'Logga in' })).toBeVisible();
  expect(await sessionStatus(page)).toBe(401);
  const storage = await browserStorage(page);
  expect(Object.keys(storage.local).filter((key) => key !== 'lang')).toEqual([]);
  expect(storage.session).toEqual({});

  // Back to Mina sidor: the page is not shown again without a session.
  await page.goBack();
  await expect(page).toHaveURL(/\/logga-in\?orsak=inloggning-kravs$/);
  await expect(page.getByRole('main')).toContainText('Du behöver logga in för att se den sidan.');
});

test('"Logga ut" in the warning logs out at once', async ({ page, context }) => {
  await page.clock.install();
  await logIn(page, context);

  await page.clock.fastForward('28:30');
  const dialog = page.getByRole('alertdialog', { name: WARNING });
  await dialog.getByRole('button', { name: 'Logga ut' }).click();

  await expect(page).toHaveURL(/\/logga-in\?orsak=utloggad$/);
  await expect(dialog).toBeHidden();
  expect(await sessionStatus(page)).toBe(401);
});

test('the warning in English', async ({ page, context }) => {
  await page.clock.install();
  await logIn(page, context);
  await (await header(page)).getByRole('button', { name: 'English' }).click();

  await page.clock.fastForward('28:30');
  const dialog = page.getByRole('alertdialog', { name: 'You will soon be logged out' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Stay logged in' })).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
});

test.describe('when the server has already ended the session', () => {
  // Chromium logs the 401 from the refresh.
  test.use({ allowedConsoleErrors: [/status of 401/] });

  test('"Stay logged in" gets 401 and the app goes to the login page with the reason', async ({
    page,
    context,
  }) => {
    await page.clock.install();
    await logIn(page, context);
    // The session ends behind the app's back (as if logged out in another tab).
    const status = await page.evaluate(
      async () =>
        (
          await fetch('/api/v1/session', {
            method: 'DELETE',
            headers: { 'X-Requested-With': 'mina-sidor' },
          })
        ).status,
    );
    expect(status).toBe(204);

    await page.clock.fastForward('28:30');
    const dialog = page.getByRole('alertdialog', { name: WARNING });
    await dialog.getByRole('button', { name: 'Fortsätt vara inloggad' }).click();

    await expect(page).toHaveURL(/\/logga-in\?orsak=avslutad$/);
    await expect(page.getByRole('main')).toContainText('Din inloggning har avslutats.');
    await expect(dialog).toBeHidden();
    await expect((await header(page)).getByRole('link', { name: 'Logga in' })).toBeVisible();
  });
});

test('tabs share the session: staying logged in in one tab closes the warning in the other, and logging out logs out both', async ({
  page,
  context,
}) => {
  await page.clock.install();
  await logIn(page, context);
  const other = await context.newPage();
  await other.goto('/mina-sidor');
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(/^Välkommen, /);

  await page.clock.fastForward('28:30');
  const warning = (p: typeof page) => p.getByRole('alertdialog', { name: WARNING });
  await expect(warning(page)).toBeVisible();
  await expect(warning(other)).toBeVisible();

  await warning(page).getByRole('button', { name: 'Fortsätt vara inloggad' }).click();
  await expect(warning(page)).toBeHidden();
  await expect(warning(other)).toBeHidden();

  // Later the other tab is not the one to end a session that is in use.
  await page.clock.fastForward('20:00');
  await expect(other).toHaveURL(/\/mina-sidor$/);

  await (await header(page)).getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/logga-in\?orsak=utloggad$/);
  await expect(other).toHaveURL(/\/logga-in\?orsak=utloggad$/);
  await expect(other.getByRole('banner').getByRole('link', { name: 'Logga in' })).toBeVisible();
  await other.close();
});

test('logging in in one tab logs in the other', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto('/logga-in');
  await expect(other.getByRole('banner').getByRole('link', { name: 'Logga in' })).toBeVisible();

  await logIn(page, context);

  await expect(other.getByRole('banner').getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await expect(other.getByRole('heading', { name: 'Du är redan inloggad' })).toBeVisible();
  await other.close();
});
