import { type APIRequestContext, type Page, request as playwrightRequest } from '@playwright/test';
import { OTHER_DEVICE, approveOnPhone, expectQrCodeShown, readQrCode, startedLogin } from './bankid';
import { checkPage, citizen, logInAsCitizen, submitFaultReport } from './eservice-helpers';
import { expect, header, test } from './helpers';

/**
 * Notices end to end on the embedded setup: the citizen chooses e-mail and SMS on the profile
 * page and sends a test notice; the officer writes on the citizen's case; the dev outbox
 * (`/dev/outbox`) shows the e-mail and the SMS, neither with anything about the case; the link
 * opens the case after a BankID login; the case's notification log lists both as delivered.
 * axe on every page.
 */

/** The officer's API, logged in with a bearer token (the officer UI has its own journey). */
async function officerApi(baseURL: string): Promise<{ api: APIRequestContext; token: string }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const login = await api.post('/api/v1/staff/login', {
    data: { username: 'handlaggare', password: 'demo-losenord', token_delivery: 'bearer' },
  });
  expect(login.status()).toBe(200);
  return { api, token: (await login.json()).token };
}

/** The newest outbox entry under `heading` containing `text`; the worker delivers within seconds. */
async function outboxItem(page: Page, heading: string, text: string) {
  const item = page.getByRole('article').filter({ has: page.getByRole('heading', { name: heading }) }).filter({ hasText: text }).first();
  await expect(async () => {
    await page.goto('/dev/outbox');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Utkorg för utveckling');
    await expect(item).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  return item;
}

async function journey(page: Page, baseURL: string) {
  const context = page.context();
  const person = await logInAsCitizen(page, context);
  const email = `avisering-${Date.now()}-${test.info().parallelIndex}@exempel.se`;

  // The profile: e-mail and SMS, then a test notice.
  await page.goto('/mina-sidor/profil');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Mobilnummer').fill('070-123 45 67');
  const channels = page.getByRole('group', { name: 'Hur vill du få aviseringar?' });
  await channels.getByLabel('E-post').check();
  await channels.getByLabel('Sms').check();
  await expect(page.getByRole('group', { name: 'Språk i e-post och sms' }).getByLabel('Svenska')).toBeChecked();
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page.getByText('Dina kontaktuppgifter är sparade.')).toBeVisible();
  await page.getByRole('button', { name: 'Skicka en testavisering' }).click();
  await expect(page.getByText('Vi har skickat en testavisering med e-post och sms.')).toBeVisible();
  await checkPage(page);

  // The officer writes on the citizen's case.
  const { id } = await submitFaultReport(page);
  const officer = await officerApi(baseURL);
  const auth = { Authorization: `Bearer ${officer.token}` };
  expect((await officer.api.post(`/api/v1/officer/cases/${id}/start`, { headers: auth, data: {} })).status()).toBe(200);
  const secret = 'Vi lagar hålet på tisdag, portkod 4711';
  const posted = await officer.api.post(`/api/v1/officer/cases/${id}/messages`, { headers: auth, data: { body: secret } });
  expect(posted.status(), await posted.text()).toBe(201);
  await officer.api.dispose();

  // The dev outbox shows the e-mail and the SMS, with the link and nothing about the case.
  const link = new URL(`/arenden/${id}`, baseURL).toString();
  const mail = await outboxItem(page, `E-post till ${email}`, 'Nytt meddelande på Mina sidor');
  await expect(mail.getByRole('link', { name: link })).toBeVisible();
  const sms = await outboxItem(page, 'SMS till +46701234567', link);
  for (const item of [mail, sms]) {
    const text = await item.innerText();
    for (const forbidden of [secret, person.givenName, person.surname, person.personalNumber, 'Storgatan', 'Felanmälan']) {
      expect(text, `a notice contains ${forbidden}`).not.toContain(forbidden);
    }
  }
  await checkPage(page);

  // The link opens the case after logging in again.
  await page.goto('/mina-sidor');
  await (await header(page)).getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/logga-in/);
  await page.goto('/dev/outbox');
  await mail.getByRole('link', { name: link }).click();
  await expect(page).toHaveURL(/\/logga-in\?.*tillbaka=/);
  await logInAsCitizenTo(page, id);

  // The case's notification log: the receipt and the message, both channels delivered.
  const log = page.getByRole('region', { name: 'Aviseringar' });
  const message = log.getByRole('listitem').filter({ hasText: 'Nytt meddelande' });
  await expect(message).toHaveCount(2);
  await expect(message.filter({ hasText: 'E-post' })).toContainText('Levererat');
  await expect(message.filter({ hasText: 'SMS' })).toContainText('Levererat');
  await expect(log.getByRole('listitem').filter({ hasText: 'Bekräftelse på inskickat ärende' })).toHaveCount(2);
  await checkPage(page);

  // An administrator previews, saves and restores a notice text.
  const admin = await page.context().browser()!.newContext({ viewport: page.viewportSize() ?? undefined, locale: 'sv-SE' });
  const a = await admin.newPage();
  await a.goto('/handlaggare/logga-in');
  await a.getByLabel('Användarnamn').fill('admin');
  await a.getByLabel('Lösenord').fill('demo-losenord');
  await a.getByRole('button', { name: 'Logga in' }).click();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Loggbok');
  await a.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Aviseringar' }).click();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Aviseringar');
  // Each width edits its own template: the two runs go at the same time.
  const narrow = (page.viewportSize()?.width ?? 1280) <= 320;
  const [key, builtin] = narrow
    ? ['cosignature_expired/sv', 'Tiden för underskrifter har gått ut']
    : ['draft_expiring/sv', 'Ditt utkast tas snart bort'];
  await a.getByLabel('Avisering', { exact: true }).selectOption(key);
  await expect(a.getByLabel('Ämnesrad (e-post)')).toHaveValue(builtin);
  await a.getByLabel('Ämnesrad (e-post)').fill('Ditt utkast hos {municipality} tas snart bort');
  await a.getByLabel('Text (e-post)').fill('Hej!\n\nFortsätt här:');
  await a.getByRole('button', { name: 'Spara' }).click();
  await expect(a.getByRole('alert')).toContainText('Texten måste innehålla {link}');
  await checkPage(a);
  await a.getByLabel('Text (e-post)').fill('Hej!\n\nFortsätt här:\n\n{link}');
  await a.getByRole('button', { name: 'Förhandsgranska' }).click();
  const preview = a.getByRole('region', { name: 'Förhandsvisning' });
  await expect(preview).toContainText('Ditt utkast hos Exempelby kommun tas snart bort');
  await expect(preview).toContainText('/arenden/');
  await a.getByRole('button', { name: 'Spara' }).click();
  await expect(a.getByText('Texten är sparad och används från nästa avisering.')).toBeVisible();
  await checkPage(a);
  await a.getByRole('button', { name: 'Återställ standardtexten' }).click();
  await expect(a.getByText('Standardtexten används igen.')).toBeVisible();
  await expect(a.getByLabel('Ämnesrad (e-post)')).toHaveValue(builtin);
  await admin.close();
}

/** Completes the login the case link led to, and lands on the case. */
async function logInAsCitizenTo(page: Page, caseId: string) {
  const loginId = await startedLogin(page, () => page.getByRole('button', { name: OTHER_DEVICE.sv }).click());
  await expectQrCodeShown(page);
  await approveOnPhone(page.context(), await readQrCode(page, loginId), citizen().personalNumber);
  await expect(page).toHaveURL(new RegExp(`/arenden/${caseId}$`), { timeout: 20_000 });
}

test('an officer message reaches the citizen by e-mail and SMS in the dev outbox, and the link leads to the case', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await journey(page, baseURL ?? 'http://127.0.0.1:18080');
});

test('notices work at 320 CSS pixels', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 800 });
  await journey(page, baseURL ?? 'http://127.0.0.1:18080');
});
