import { type APIRequestContext, type BrowserContext, type Page, test } from '@playwright/test';
import { expect, waitForApp } from './helpers';

/**
 * Logging in through the BankID simulator, which the server runs in development. Its test app
 * (`/bankid-sim/app`) stands in for the phone; its control API (`/bankid-sim/control/…`) for
 * what a test cannot do by hand. Tests run in parallel, so an order is always found through its
 * own QR code or autostart token, never as "the pending order".
 */

export interface TestPerson {
  personalNumber: string;
  givenName: string;
  surname: string;
  /** As Mina sidor shows it. */
  masked: string;
}

function testPerson(personalNumber: string, givenName: string, surname: string): TestPerson {
  return { personalNumber, givenName, surname, masked: `${personalNumber.slice(0, 8)}-****` };
}

/** The simulator's test persons. */
export const TEST_PERSONS: readonly TestPerson[] = [
  testPerson('199006292388', 'Anna', 'Andersson'),
  testPerson('198511144571', 'Erik', 'Eriksson'),
  testPerson('197803029268', 'Maria', 'Johansson'),
  testPerson('196208158714', 'Lars', 'Nilsson'),
  testPerson('200104172846', 'Karin', 'Larsson'),
];

/**
 * The test person this worker logs in as. Like real BankID, the simulator cancels a person's
 * other orders when the phone picks one up, so tests running at the same time must not share a
 * person: each parallel worker gets its own.
 */
export function me(): TestPerson {
  return TEST_PERSONS[test.info().parallelIndex % TEST_PERSONS.length];
}

export const SESSION_COOKIE = '__Host-minasidor_session';

/** The two ways to log in, as the login page names them. */
export const THIS_DEVICE = { sv: 'BankID på den här enheten', en: 'BankID on this device' };
export const OTHER_DEVICE = { sv: 'BankID på en annan enhet', en: 'BankID on another device' };

/** Waits for `POST /api/v1/auth/bankid` while `action` runs; returns the new login's id. */
export async function startedLogin(page: Page, action: () => Promise<void>): Promise<string> {
  const started = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/v1/auth/bankid' && r.request().method() === 'POST',
  );
  await action();
  const response = await started;
  expect(response.status(), 'POST /api/v1/auth/bankid').toBe(201);
  const body = (await response.json()) as { login_id: string };
  return body.login_id;
}

/** Opens the login page and chooses BankID on another device; returns the login's id. */
export async function startQrLogin(page: Page): Promise<string> {
  await page.goto('/logga-in');
  await waitForApp(page);
  const loginId = await startedLogin(page, () =>
    page.getByRole('button', { name: OTHER_DEVICE.sv }).click(),
  );
  await expectQrCodeShown(page);
  return loginId;
}

/** The QR code is on the page and its image has loaded. */
export async function expectQrCodeShown(page: Page): Promise<void> {
  const qr = page.getByRole('img', { name: 'QR-kod för BankID. Skanna med BankID-appen.' });
  await expect(qr).toBeVisible();
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
}

/**
 * What the phone's camera reads from the QR code on the page: fetched in the page, so the
 * browser's login-binding cookie goes with it as it would for the image.
 */
export async function readQrCode(page: Page, loginId: string): Promise<string> {
  const content = await page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/auth/bankid/${id}/qr`);
    if (!response.ok) throw new Error(`GET qr: ${response.status}`);
    return ((await response.json()) as { qr_content: string }).qr_content;
  }, loginId);
  expect(content).toMatch(/^bankid\.[^.]+\.\d+\.[0-9a-f]{64}$/);
  return content;
}

/**
 * "The phone": opens the simulator's test app in a second page, pastes the QR code's content and
 * approves as the given test person, as a person would with the phone's camera.
 */
export async function approveOnPhone(
  context: BrowserContext,
  qrContent: string,
  personalNumber: string = me().personalNumber,
): Promise<void> {
  const phone = await context.newPage();
  try {
    await phone.goto('/bankid-sim/app');
    await phone.getByLabel('QR-kodens innehåll').fill(qrContent);
    await phone.locator('#qr-person').selectOption(personalNumber);
    await phone.getByRole('button', { name: /Skanna och godkänn/ }).click();
    await expect(phone.getByRole('status')).toContainText('beställningen godkändes');
  } finally {
    await phone.close();
  }
}

/** The phone's user cancels the order behind the QR code (BankID's `userCancel`). */
export async function cancelOnPhone(request: APIRequestContext, qrContent: string): Promise<void> {
  const response = await request.post('/bankid-sim/control/qr', {
    data: { qrContent, action: 'cancel' },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Approves a same-device order through the autostart token in the page's "Open the app" link. */
export async function approveAutostart(
  request: APIRequestContext,
  autostartUrl: string,
  personalNumber: string = me().personalNumber,
): Promise<void> {
  const token = new URL(autostartUrl).searchParams.get('autostarttoken');
  expect(token, autostartUrl).toBeTruthy();
  const response = await request.post('/bankid-sim/control/autostart', {
    data: { autoStartToken: token, personalNumber },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Logs in as this worker's test person with the QR code and the test app; ends on /mina-sidor. */
export async function logIn(page: Page, context: BrowserContext): Promise<void> {
  const loginId = await startQrLogin(page);
  await approveOnPhone(context, await readQrCode(page, loginId));
  await expectLoggedIn(page);
}

/** The app has reached the logged-in start page. */
export async function expectLoggedIn(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/mina-sidor$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Välkommen, ${me().givenName}`);
}

/** `GET /api/v1/session` from the page, with its cookies; returns the status. */
export async function sessionStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/v1/session')).status);
}

/** Everything in the page's `localStorage` and `sessionStorage`. */
export async function browserStorage(
  page: Page,
): Promise<{ local: Record<string, string>; session: Record<string, string> }> {
  return page.evaluate(() => ({
    local: { ...window.localStorage },
    session: { ...window.sessionStorage },
  }));
}
