import { type Locator, type Page } from '@playwright/test';
import { approveOnPhone } from './bankid';
import { checkPage, expectStep, jpegFile, logInAsCitizen, pdfFile, screenshot } from './eservice-helpers';
import { expect, test } from './helpers';

/**
 * The disabled parking permit (parkeringstillstand), with the keyboard only: Tab, Shift+Tab,
 * arrows, Space and Enter, files chosen through the file chooser the keyboard opens. The
 * signature is approved on "the phone" (the simulator's test app, by mouse, as a person would
 * with their phone). The citizen also chooses to save the new contact details in the profile.
 */

const ESERVICE = 'Ansökan om parkeringstillstånd för rörelsehindrade';
const TOTAL = 5;
const PHONE = '070-765 43 21';

/** Presses Tab (or Shift+Tab) until `target` has focus. */
async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const key = options.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.max ?? 40); i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Replaces a text input's value by typing. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
  await expect(target).toHaveValue(text);
}

/** Chooses files for a file input with the keyboard: Space opens the file chooser. */
async function chooseFile(page: Page, target: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await tabTo(page, target);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(file);
}

test('a citizen applies for a parking permit with the keyboard only and signs with BankID', async ({
  page,
  context,
  site,
}) => {
  test.setTimeout(150_000);
  const municipality = site.municipality_name;
  const person = await logInAsCitizen(page, context);

  // The e-service's start page; keyboard from here on.
  await page.goto('/e-tjanster/parkeringstillstand');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ESERVICE);
  await expect(page.getByText('Du skriver under med BankID när du skickar in.')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Starta e-tjänsten' }));
  await page.keyboard.press('Enter');

  // Step 1: contact details (possibly prefilled from the profile; replaced here).
  await expectStep(page, { n: 1, total: TOTAL, heading: 'Dina uppgifter', eservice: ESERVICE, municipality });
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await checkPage(page);
  await typeInto(page, page.getByLabel('Telefonnummer'), PHONE);
  const address = page.getByRole('group', { name: 'Adress' });
  await typeInto(page, address.getByLabel('Gatuadress'), 'Parkvägen 3');
  await typeInto(page, address.getByLabel('Postnummer'), '73330');
  await typeInto(page, address.getByLabel('Postort'), 'Sala');
  // Enter in a text field is "Nästa".
  await page.keyboard.press('Enter');

  // Step 2: the permit. "Nästa" first with nothing chosen: the summary takes focus, its links
  // move focus to the fields.
  await expectStep(page, { n: 2, total: TOTAL, heading: 'Tillståndet', eservice: ESERVICE, municipality });
  await tabTo(page, page.getByRole('button', { name: 'Nästa' }));
  await page.keyboard.press('Enter');
  const summary = page.locator('#error-summary');
  await expect(summary).toBeFocused();
  await checkPage(page);
  await page.keyboard.press('Tab');
  await expect(summary.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Enter');
  const permitFor = page.getByRole('group', { name: 'Vem ska använda tillståndet?' });
  await expect(permitFor.getByRole('radio', { name: 'Jag kör själv' })).toBeFocused();

  // Arrow keys choose among radio buttons; a passenger is asked one more question.
  await page.keyboard.press('ArrowDown');
  await expect(permitFor.getByRole('radio', { name: 'Jag åker med som passagerare' })).toBeChecked();
  const driverHelp = page.getByRole('group', { name: /Behöver du hjälp av föraren/ });
  await expect(driverHelp).toBeVisible();
  await tabTo(page, driverHelp.getByRole('radio', { name: 'Ja' }));
  await page.keyboard.press('Space');
  await expect(driverHelp.getByRole('radio', { name: 'Ja' })).toBeChecked();
  const aids = page.getByRole('group', { name: /Vilka hjälpmedel/ });
  await tabTo(page, aids.getByRole('checkbox', { name: 'Rollator' }));
  await page.keyboard.press('Space');
  await expect(aids.getByRole('checkbox', { name: 'Rollator' })).toBeChecked();
  await typeInto(page, page.getByLabel(/Hur långt kan du gå/), '150');
  const period = page.getByLabel('Hur länge behöver du tillståndet?');
  await tabTo(page, period);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(period).toHaveValue('1_to_3_years');
  await checkPage(page);
  await tabTo(page, page.getByRole('button', { name: 'Nästa' }));
  await page.keyboard.press('Enter');

  // Step 3: a medical certificate (PDF) and a photo (JPEG), chosen with the keyboard.
  await expectStep(page, { n: 3, total: TOTAL, heading: 'Läkarintyg och foto', eservice: ESERVICE, municipality });
  await chooseFile(page, page.getByLabel('Läkarintyg'), pdfFile('intyg.pdf'));
  await expect(page.getByRole('button', { name: 'Ta bort intyg.pdf' })).toBeVisible();
  await chooseFile(page, page.getByLabel('Foto för tillståndet'), jpegFile('portratt.jpg'));
  const removePhoto = page.getByRole('button', { name: 'Ta bort portratt.jpg' });
  await expect(removePhoto).toBeVisible();
  // Removing a file with the keyboard, then attaching it again.
  await tabTo(page, removePhoto, { back: true });
  await page.keyboard.press('Enter');
  await expect(removePhoto).toHaveCount(0);
  await expect(page.getByText('portratt.jpg är borttagen.')).toBeVisible();
  await expect(page.getByLabel('Foto för tillståndet')).toBeFocused();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(jpegFile('portratt.jpg'));
  await expect(removePhoto).toBeVisible();
  await checkPage(page);
  await tabTo(page, page.getByRole('button', { name: 'Nästa' }));
  await page.keyboard.press('Enter');

  // Step 4: consent.
  await expectStep(page, { n: 4, total: TOTAL, heading: 'Samtycke och underskrift', eservice: ESERVICE, municipality });
  const doctor = page.getByRole('group', { name: /Får vi kontakta läkaren/ });
  await tabTo(page, doctor.getByRole('radio', { name: 'Ja' }));
  await page.keyboard.press('Space');
  const correct = page.getByRole('group', { name: 'Jag intygar att uppgifterna i ansökan är riktiga.' });
  await tabTo(page, correct.getByRole('radio', { name: 'Ja' }));
  await page.keyboard.press('Space');
  await expect(correct.getByRole('radio', { name: 'Ja' })).toBeChecked();
  await checkPage(page);
  await tabTo(page, page.getByRole('button', { name: 'Granska' }));
  await page.keyboard.press('Enter');

  // Review: the new phone number and address differ from the profile; save them there.
  await expect(page).toHaveURL(/\/granska$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Granska och skicka in');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const answers = page.locator('#review-answers');
  await expect(answers).toContainText('Jag åker med som passagerare');
  await expect(answers).toContainText('Parkvägen 3, 73330 Sala');
  await expect(answers).toContainText('intyg.pdf');
  await expect(answers).toContainText('Ett till tre år');
  const updateProfile = page.getByLabel('Spara de nya uppgifterna i min profil');
  await tabTo(page, updateProfile);
  await page.keyboard.press('Space');
  await expect(updateProfile).toBeChecked();
  await checkPage(page);

  // Sign on another device: the QR code; the phone approves.
  const signButton = page.getByRole('button', { name: 'Skriv under med BankID på en annan enhet' });
  await tabTo(page, signButton);
  const started = page.waitForResponse(
    (r) => /\/api\/v1\/drafts\/[0-9a-f-]+\/sign$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
  );
  const profileSaved = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/v1/profile' && r.request().method() === 'PUT',
  );
  await page.keyboard.press('Enter');
  expect((await profileSaved).status()).toBe(200);
  const signing = (await (await started).json()) as { signing_id: string; signed_text: string };
  expect(signing.signed_text).toContain(`Jag skickar in: ${ESERVICE}`);
  await expect(page.getByRole('heading', { name: 'Skanna QR-koden med BankID-appen' })).toBeFocused();
  const qr = page.getByRole('img', { name: 'QR-kod för underskrift med BankID. Skanna med BankID-appen.' });
  await expect(qr).toBeVisible();
  await checkPage(page);
  await screenshot(page, 'signing');
  const qrContent = await page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/signings/${id}/qr`);
    return ((await response.json()) as { qr_content: string }).qr_content;
  }, signing.signing_id);
  await approveOnPhone(context, qrContent, person.personalNumber);

  // Signed and submitted: the receipt.
  await expect(page).toHaveURL(/\/kvitto$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ditt ärende är inskickat');
  await expect(page.locator('.receipt__number')).toHaveText(/^\d{4}-\d{6}$/);
  await checkPage(page);

  // The case's history records the signature; the profile has the new details.
  await tabTo(page, page.getByRole('link', { name: 'Se ärendet på Mina sidor' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.case-history')).toContainText('Ärendet skrevs under med BankID');
  const profile = await page.evaluate(async () => (await fetch('/api/v1/profile')).json());
  expect(profile.phone).toBe('+46707654321');
  expect(profile.postal_address).toEqual({ street: 'Parkvägen 3', postal_code: '733 30', city: 'Sala' });
});

test('the school change tells honestly that co-signing is not available yet', async ({ page, context }) => {
  await logInAsCitizen(page, context);
  await page.goto('/e-tjanster/skolbyte');
  await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Barnet');
  // Straight to the review page through the progress indicator's address.
  await page.goto(page.url().replace(/\/steg\/1$/, '/granska'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Granska och skicka in');
  await expect(page.getByText('Den här e-tjänsten ska skrivas under av fler än du')).toBeVisible();
  await expect(page.getByRole('button', { name: /Skriv under/ })).toHaveCount(0);
  // What is missing is listed, each linking to its step.
  const summary = page.locator('#error-summary');
  await expect(summary).toBeVisible();
  await summary.getByRole('link', { name: /Barnets personnummer/ }).click();
  await expect(page).toHaveURL(/\/steg\/1\?falt=child_personnummer$/);
  await expect(page.getByLabel('Barnets personnummer')).toBeFocused();
  await checkPage(page);
});
