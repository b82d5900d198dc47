import {
  OTHER_DEVICE,
  SESSION_COOKIE,
  THIS_DEVICE,
  approveAutostart,
  approveOnPhone,
  browserStorage,
  cancelOnPhone,
  expectLoggedIn,
  expectQrCodeShown,
  logIn,
  me,
  readQrCode,
  sessionStatus,
  startQrLogin,
  startedLogin,
} from './bankid';
import { expect, expectNoAxeViolations, header, openPage, test } from './helpers';

test('logging in with the QR code and the phone ends on Mina sidor with an HttpOnly cookie and nothing in storage', async ({
  page,
  context,
}) => {
  const loginId = await startQrLogin(page);

  // The instructions and BankID's message while waiting.
  const panel = page.getByRole('region', { name: 'Skanna QR-koden med BankID-appen' });
  await expect(panel.getByRole('listitem')).toHaveText([
    'Öppna BankID-appen i din mobil eller surfplatta.',
    'Tryck på QR-symbolen i appen.',
    'Rikta kameran mot QR-koden på den här sidan.',
    'Legitimera dig i appen.',
  ]);
  const status = page.locator('.login-status[aria-live="polite"]');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toHaveText('Starta BankID-appen.');

  // The code is animated: the image address changes every second.
  const qr = page.getByRole('img', { name: 'QR-kod för BankID. Skanna med BankID-appen.' });
  const firstSrc = await qr.getAttribute('src');
  expect(firstSrc).toMatch(new RegExp(`^/api/v1/auth/bankid/${loginId}/qr\\.svg\\?frame=\\d+$`));
  await expect(qr).not.toHaveAttribute('src', firstSrc ?? '');

  await approveOnPhone(context, await readQrCode(page, loginId));

  const person = me();
  await expectLoggedIn(page);
  await expect(page.getByRole('main')).toContainText(
    `Du är inloggad som ${person.givenName} ${person.surname}, personnummer ${person.masked}.`,
  );
  await expect(page.getByRole('main')).not.toContainText(person.personalNumber);
  for (const [group, empty] of [
    ['Sparade ärenden', 'Inga sparade ärenden.'],
    ['Pågående ärenden', 'Inga pågående ärenden.'],
    ['Avslutade ärenden', 'Inga avslutade ärenden.'],
  ]) {
    await expect(page.getByRole('region', { name: group })).toContainText(empty);
  }

  // The header knows the user.
  const banner = await header(page);
  await expect(banner).toContainText(`${person.givenName} ${person.surname}`);
  await expect(banner.getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await expect(banner.getByRole('link', { name: 'Logga in' })).toHaveCount(0);

  // The session token is an HttpOnly __Host- cookie that scripts cannot read.
  const cookies = await context.cookies();
  const sessionCookie = cookies.find((c) => c.name === SESSION_COOKIE);
  expect(sessionCookie, 'the session cookie').toBeDefined();
  expect(sessionCookie?.name.startsWith('__Host-')).toBe(true);
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(sessionCookie?.secure).toBe(true);
  expect(sessionCookie?.sameSite).toBe('Strict');
  expect(sessionCookie?.path).toBe('/');
  expect(await page.evaluate(() => document.cookie)).not.toContain('minasidor');

  // Nothing but (at most) the language choice in the browser's storage.
  const storage = await browserStorage(page);
  expect(Object.keys(storage.local).filter((key) => key !== 'lang')).toEqual([]);
  expect(storage.session).toEqual({});
  const everything = JSON.stringify(storage) + (await page.evaluate(() => document.cookie));
  expect(everything).not.toContain(sessionCookie?.value ?? 'no cookie');
  expect(everything).not.toMatch(/eyJ/);

  // A reload keeps the user logged in: the app asks the server.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Välkommen, ${person.givenName}`);
});

test('every state-changing request carries the CSRF header', async ({ page, context }) => {
  const missing: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/') || request.method() === 'GET') return;
    if (request.headers()['x-requested-with'] !== 'mina-sidor') {
      missing.push(`${request.method()} ${url.pathname}`);
    }
  });
  await logIn(page, context);
  await (await header(page)).getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/logga-in\?orsak=utloggad$/);
  expect(missing).toEqual([]);
});

test('a login cancelled in the BankID app shows BankID’s message, and "Försök igen" starts a new one', async ({
  page,
  request,
}) => {
  const loginId = await startQrLogin(page);
  await cancelOnPhone(request, await readQrCode(page, loginId));

  const alert = page.getByRole('alert').filter({ hasText: 'Åtgärden avbröts.' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Du är inte inloggad' })).toBeFocused();
  await expect(page.getByRole('img', { name: /QR-kod/ })).toHaveCount(0);

  const newLoginId = await startedLogin(page, () =>
    page.getByRole('button', { name: 'Försök igen' }).click(),
  );
  expect(newLoginId).not.toBe(loginId);
  await expectQrCodeShown(page);
  await expect(page.getByRole('heading', { name: 'Skanna QR-koden med BankID-appen' })).toBeFocused();
});

test('"Avbryt" cancels the order and goes back to the choice', async ({ page }) => {
  const loginId = await startQrLogin(page);
  const cancelled = page.waitForResponse(
    (r) => r.url().endsWith(`/api/v1/auth/bankid/${loginId}/cancel`) && r.request().method() === 'POST',
  );

  await page.getByRole('button', { name: 'Avbryt' }).click();

  expect((await cancelled).status()).toBe(204);
  await expect(page.getByRole('heading', { name: 'Var har du ditt BankID?' })).toBeFocused();
  await expect(page.getByRole('button', { name: OTHER_DEVICE.sv })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR-kod/ })).toHaveCount(0);
});

test('leaving the page while waiting stops the QR code and the polling and cancels the order', async ({
  page,
}) => {
  const loginId = await startQrLogin(page);
  const cancelled = page.waitForResponse((r) =>
    r.url().endsWith(`/api/v1/auth/bankid/${loginId}/cancel`),
  );
  await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
  expect((await cancelled).status()).toBe(204);

  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(loginId)) calls.push(r.url());
  });
  await page.waitForTimeout(2_500);
  expect(calls).toEqual([]);
});

test('BankID on this device offers a link that opens the app, and the login completes', async ({
  page,
  request,
}) => {
  await openPage(page, '/logga-in');
  await startedLogin(page, () => page.getByRole('button', { name: THIS_DEVICE.sv }).click());

  await expect(page.getByRole('heading', { name: 'Öppna BankID-appen' })).toBeFocused();
  const link = page.getByRole('link', { name: 'Öppna BankID-appen' });
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^bankid:\/\/\/\?autostarttoken=[0-9a-f-]+&redirect=null$/);
  await expect(page.locator('.login-status[aria-live="polite"]')).toHaveText(
    'Försöker starta BankID-appen.',
  );
  // No QR code, and no personal number asked for anywhere.
  await expect(page.getByRole('img', { name: /QR-kod/ })).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);

  await approveAutostart(request, href);
  await expectLoggedIn(page);
});

test('the login page never asks for a personal number', async ({ page }) => {
  await openPage(page, '/logga-in');
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('main')).not.toContainText(/personnummer/i);
});

test('logging out from the header ends the session on the server and leaves nothing behind', async ({
  page,
  context,
}) => {
  await page.addInitScript(() => {
    // Something another version of the app might have left; logging out must remove it.
    if (!window.sessionStorage.getItem('seeded')) {
      window.sessionStorage.setItem('seeded', '1');
      window.localStorage.setItem('draft-hint', 'x');
    }
  });
  await logIn(page, context);
  await (await header(page)).getByRole('button', { name: 'English' }).click();
  await (await header(page)).getByRole('button', { name: 'Svenska' }).click();

  await (await header(page)).getByRole('button', { name: 'Logga ut' }).click();

  await expect(page).toHaveURL(/\/logga-in\?orsak=utloggad$/);
  await expect(page.getByRole('main')).toContainText('Du är utloggad.');
  await expect((await header(page)).getByRole('link', { name: 'Logga in' })).toBeVisible();
  await expect((await header(page)).getByRole('button', { name: 'Logga ut' })).toHaveCount(0);
  expect(await sessionStatus(page)).toBe(401);
  expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
  const storage = await browserStorage(page);
  expect(storage.local).toEqual({ lang: 'sv' });
  expect(storage.session).toEqual({});

  // Mina sidor now sends the visitor to the login page.
  await page.goto('/mina-sidor');
  await expect(page).toHaveURL(/\/logga-in\?orsak=inloggning-kravs$/);
  await expect(page.getByRole('main')).toContainText('Du behöver logga in för att se den sidan.');
});

test('Mina sidor without a session goes to the login page', async ({ page }) => {
  await page.goto('/mina-sidor');
  await expect(page).toHaveURL(/\/logga-in\?orsak=inloggning-kravs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logga in');
});

for (const [orsak, text] of [
  ['inaktiv', 'Du har loggats ut eftersom du varit inaktiv i 30 minuter.'],
  ['utloggad', 'Du är utloggad.'],
  ['tidsgrans', 'Du har loggats ut eftersom du har varit inloggad så länge som det är tillåtet.'],
  ['avslutad', 'Din inloggning har avslutats.'],
] as const) {
  test(`the login page explains ?orsak=${orsak}`, async ({ page }) => {
    await openPage(page, `/logga-in?orsak=${orsak}`);
    await expect(page.getByRole('main')).toContainText(text);
  });
}

test('an unknown ?orsak shows no message', async ({ page }) => {
  await openPage(page, '/logga-in?orsak=<script>');
  await expect(page.locator('.login-reason')).toHaveCount(0);
});

test('the login works in English, with BankID’s messages in English', async ({ page, context }) => {
  await openPage(page, '/logga-in');
  await (await header(page)).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');

  const loginId = await startedLogin(page, () =>
    page.getByRole('button', { name: OTHER_DEVICE.en }).click(),
  );
  await expect(
    page.getByRole('img', { name: 'QR code for BankID. Scan it with the BankID app.' }),
  ).toBeVisible();
  await expect(page.locator('.login-status[aria-live="polite"]')).toHaveText('Start the BankID app.');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();

  await approveOnPhone(context, await readQrCode(page, loginId));
  await expect(page).toHaveURL(/\/mina-sidor$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${me().givenName}`);
  await expect((await header(page)).getByRole('button', { name: 'Log out' })).toBeVisible();
});

test.describe('when the server refuses to start a login', () => {
  test.use({
    allowedConsoleErrors: [/status of 429/],
  });

  for (const width of [320, 1280]) {
    test(`too many attempts: the wait counts down and the login starts again by itself (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      let attempts = 0;
      await page.route('**/api/v1/auth/bankid', (route) => {
        attempts += 1;
        return route.fulfill({
          status: 429,
          headers: { 'retry-after': '3', 'content-type': 'application/problem+json' },
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Too Many Requests',
            status: 429,
            code: 'rate_limited',
            detail: 'Too many requests.',
            detail_sv: 'För många förfrågningar.',
            request_id: 'x',
          }),
        });
      });
      await openPage(page, '/logga-in');
      await page.getByRole('button', { name: OTHER_DEVICE.sv }).click();

      await expect(page.getByRole('alert').filter({ hasText: 'Inloggningen startar igen av sig själv' })).toBeVisible();
      await expect(page.getByText(/Försök igen om [123] s/)).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Inloggningen startar igen om 3 sekunder.' })).toBeAttached();
      await expect(page.getByRole('button', { name: 'Försök igen' })).toHaveAttribute('aria-disabled', 'true');
      await expectNoAxeViolations(page);
      // No button to press: after the wait the login starts again by itself.
      await expect.poll(() => attempts, { timeout: 8_000 }).toBe(2);
    });
  }
});
