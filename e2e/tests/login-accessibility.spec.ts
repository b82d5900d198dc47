import type { Page, TestInfo } from '@playwright/test';
import {
  OTHER_DEVICE,
  THIS_DEVICE,
  approveOnPhone,
  cancelOnPhone,
  expectLoggedIn,
  expectQrCodeShown,
  me,
  readQrCode,
  startedLogin,
} from './bankid';
import { expect, expectNoAxeViolations, hasHorizontalScroll, header, openPage, test, WIDTHS } from './helpers';

/**
 * axe (WCAG 2.2 AA) and the narrow layout in every state of logging in, on the logged-in start
 * page and with the timeout warning open; and the whole journey by keyboard.
 */

/** axe, no sideways scrolling, and a screenshot to look at. */
async function check(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  // Colours are checked as they end up, not halfway through the dialog's fade-in.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished),
    ),
  );
  await expectNoAxeViolations(page);
  expect(await hasHorizontalScroll(page), `${state} scrolls sideways`).toBe(false);
  await page.screenshot({ path: testInfo.outputPath(`${state}.png`), fullPage: true });
}

for (const width of WIDTHS) {
  test(`every state of logging in passes axe at ${width} px`, async ({
    page,
    context,
    request,
  }, testInfo) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width, height: 800 });
    await page.clock.install();

    // The choice, after an inactivity logout.
    await openPage(page, '/logga-in?orsak=inaktiv');
    await expect(page.getByRole('main')).toContainText('inaktiv i 30 minuter');
    await check(page, testInfo, 'choice');

    // The QR code with BankID's message.
    let loginId = await startedLogin(page, () =>
      page.getByRole('button', { name: OTHER_DEVICE.sv }).click(),
    );
    await expectQrCodeShown(page);
    await expect(page.locator('.login-status')).toHaveText('Starta BankID-appen.');
    await check(page, testInfo, 'qr');

    // Failed.
    await cancelOnPhone(request, await readQrCode(page, loginId));
    await expect(page.getByRole('alert').filter({ hasText: 'Åtgärden avbröts.' })).toBeVisible();
    await check(page, testInfo, 'failed');

    // This device.
    await page.getByRole('button', { name: 'Välj ett annat sätt' }).click();
    await startedLogin(page, () => page.getByRole('button', { name: THIS_DEVICE.sv }).click());
    await expect(page.getByRole('link', { name: 'Öppna BankID-appen' })).toBeVisible();
    await expect(page.locator('.login-status')).toHaveText('Försöker starta BankID-appen.');
    await check(page, testInfo, 'this-device');

    // Logged in.
    await page.getByRole('button', { name: 'Avbryt' }).click();
    loginId = await startedLogin(page, () =>
      page.getByRole('button', { name: OTHER_DEVICE.sv }).click(),
    );
    await approveOnPhone(context, await readQrCode(page, loginId));
    await expectLoggedIn(page);
    await check(page, testInfo, 'mina-sidor');

    // The timeout warning.
    await page.clock.fastForward('28:30');
    await expect(page.getByRole('alertdialog', { name: 'Du loggas snart ut' })).toBeVisible();
    await check(page, testInfo, 'timeout-warning');
  });
}

test('the login states and Mina sidor pass axe in English', async ({ page, context }, testInfo) => {
  await openPage(page, '/logga-in?orsak=utloggad');
  await (await header(page)).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('main')).toContainText('You are logged out.');
  await check(page, testInfo, 'choice-en');

  const loginId = await startedLogin(page, () =>
    page.getByRole('button', { name: OTHER_DEVICE.en }).click(),
  );
  await expect(page.locator('.login-status')).toHaveText('Start the BankID app.');
  await check(page, testInfo, 'qr-en');

  await approveOnPhone(context, await readQrCode(page, loginId));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${me().givenName}`, {
    timeout: 20_000,
  });
  await check(page, testInfo, 'mina-sidor-en');
});

test('keyboard only: choose with Tab and Enter, approve on the phone, log out with the keyboard', async ({
  page,
  context,
}) => {
  await openPage(page, '/logga-in');
  const choice = page.getByRole('button', { name: OTHER_DEVICE.sv });
  await tabTo(page, choice);

  const loginId = await startedLogin(page, () => page.keyboard.press('Enter'));
  await expectQrCodeShown(page);
  // Focus follows to the new step, and the next stop is "Avbryt".
  await expect(page.getByRole('heading', { name: 'Skanna QR-koden med BankID-appen' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Avbryt' })).toBeFocused();

  // The phone is used by hand.
  await approveOnPhone(context, await readQrCode(page, loginId));

  await expectLoggedIn(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  const logOut = (await header(page)).getByRole('button', { name: 'Logga ut' });
  await tabTo(page, logOut);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/logga-in\?orsak=utloggad$/);
});

/** Presses Tab until the element has focus (at most 30 times). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  await expect(target).toBeFocused();
}
