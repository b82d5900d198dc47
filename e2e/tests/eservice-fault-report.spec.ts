import { type BrowserContext, type Page } from '@playwright/test';
import { approveOnPhone, readQrCode, startedLogin } from './bankid';
import {
  checkPage,
  citizen,
  expectDraftSaved,
  expectStep,
  jpegFile,
  logInAsCitizen,
  screenshot,
} from './eservice-helpers';
import { expect, header, test, type SiteInfo } from './helpers';

/**
 * The fault report (felanmalan-gata-park): a citizen logs in, finds the e-service, fills in the
 * first step (after meeting the error summary), attaches a photo, leaves half-way, comes back
 * from Mina sidor, finishes, submits and sees the receipt with the case number; axe on every
 * step, the error summary, the review page and the receipt.
 */

const ESERVICE = 'Felanmälan gata och park';
const TOTAL = 4;

async function journey(page: Page, context: BrowserContext, site: SiteInfo): Promise<void> {
  const municipality = site.municipality_name;
  await logInAsCitizen(page, context);

  // The catalogue, searched.
  await (await header(page)).getByRole('link', { name: 'E-tjänster' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-tjänster');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByLabel('Sök e-tjänst').fill('gata park');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(/\/e-tjanster\?q=gata%20park$/);
  await expect(page.getByRole('status').filter({ hasText: 'e-tjänst' })).toHaveText('1 e-tjänst');
  await checkPage(page);
  await page.getByRole('link', { name: ESERVICE }).click();

  // The start page.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ESERVICE);
  await expect(page.getByText('Handläggningstid: cirka 14 dagar')).toBeVisible();
  await checkPage(page);
  await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();

  // Step 1 of 4.
  await expectStep(page, { n: 1, total: TOTAL, heading: 'Om felet', eservice: ESERVICE, municipality });
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const caseUrl = page.url().replace(/\/steg\/1$/, '');
  await checkPage(page);
  await screenshot(page, 'step-1');

  // "Nästa" with nothing filled in: the error summary, linked to the fields.
  await page.getByRole('button', { name: 'Nästa' }).click();
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Rätta följande för att gå vidare:' }) });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(3);
  await expect(page).toHaveURL(/\/steg\/1$/);
  const location = page.getByLabel('Var finns felet?');
  await expect(location).toHaveAttribute('aria-invalid', 'true');
  await expect(location).toHaveAttribute('aria-describedby', /field-location-help field-location-error/);
  await checkPage(page);
  await screenshot(page, 'error-summary');
  await summary.getByRole('link', { name: /Var finns felet/ }).click();
  await expect(location).toBeFocused();

  // Filling in; the conditional information block appears with its answer.
  const faultType = page.getByRole('group', { name: 'Vad är det för fel?' });
  await expect(faultType.getByRole('radio').first()).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: 'Är lekredskapet farligt att använda?' })).toHaveCount(0);
  await faultType.getByLabel('Trasig lekplatsutrustning').check();
  await expect(page.getByRole('heading', { name: 'Är lekredskapet farligt att använda?' })).toBeVisible();
  await location.fill('Lekplatsen i Stadsparken');
  await page.getByLabel('Beskriv felet').fill('Gungan har gått sönder.\nKedjan hänger löst.');
  // Saved on the server a moment after typing stops.
  await expectDraftSaved(page);
  await expect(page.getByText(/^Utkastet sparas till \d{1,2} \p{L}+ \d{4}\.$/u)).toBeVisible();
  await page.getByRole('button', { name: 'Nästa' }).click();

  // Step 2: a photo.
  await expectStep(page, { n: 2, total: TOTAL, heading: 'Bilder', eservice: ESERVICE, municipality });
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByLabel('Bilder på felet').setInputFiles(jpegFile('gungan.jpg'));
  await expect(page.getByRole('button', { name: 'Ta bort gungan.jpg' })).toBeVisible();
  await expect(page.getByText('gungan.jpg är bifogad.')).toBeVisible();
  await expect(page.getByText('1 fil bifogad. Högst 3 filer.')).toBeVisible();
  await checkPage(page);
  await screenshot(page, 'step-2');

  // Leave half-way.
  await page.getByRole('button', { name: 'Spara och fortsätt senare' }).click();
  await expect(page).toHaveURL(/\/mina-sidor\?sparat=1$/);
  await expect(page.getByText('Ditt utkast är sparat.', { exact: false })).toBeVisible();
  const saved = page.getByRole('region', { name: 'Sparade ärenden' });
  const draftLink = saved.getByRole('link', { name: ESERVICE }).first();
  await expect(draftLink).toBeVisible();
  await checkPage(page);

  // Come back later, in a new page load (as from another device).
  await page.goto('/mina-sidor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Välkommen/);
  await page
    .getByRole('region', { name: 'Sparade ärenden' })
    .locator(`a[href="${new URL(caseUrl).pathname}"]`)
    .click();
  // It reopens where it was left: step 2, with the photo; step 1 kept its answers.
  await expectStep(page, { n: 2, total: TOTAL, heading: 'Bilder', eservice: ESERVICE, municipality });
  await expect(page.getByRole('button', { name: 'Ta bort gungan.jpg' })).toBeVisible();
  await page.getByRole('button', { name: 'Tillbaka', exact: true }).click();
  await expectStep(page, { n: 1, total: TOTAL, heading: 'Om felet', eservice: ESERVICE, municipality });
  await expect(page.getByLabel('Var finns felet?')).toHaveValue('Lekplatsen i Stadsparken');
  await expect(page.getByLabel('Trasig lekplatsutrustning')).toBeChecked();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expectStep(page, { n: 2, total: TOTAL, heading: 'Bilder', eservice: ESERVICE, municipality });
  await page.getByRole('button', { name: 'Nästa' }).click();

  // Step 3: feedback by e-mail, a field shown by the answer before it.
  await expectStep(page, { n: 3, total: TOTAL, heading: 'Återkoppling', eservice: ESERVICE, municipality });
  await expect(page.getByLabel('E-postadress för besked')).toHaveCount(0);
  await page.getByRole('group', { name: 'Vill du få besked när felet är åtgärdat?' }).getByLabel('Ja').check();
  const email = page.getByLabel('E-postadress för besked');
  await expect(email).toBeVisible();
  await email.fill('inte-en-adress');
  await page.getByRole('button', { name: 'Granska' }).click();
  await expect(summary).toBeVisible();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  // What was typed stays.
  await expect(email).toHaveValue('inte-en-adress');
  await checkPage(page);
  await email.fill('medborgare@exempel.se');
  await checkPage(page);
  await page.getByRole('button', { name: 'Granska' }).click();

  // The review page.
  await expect(page).toHaveURL(/\/granska$/);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('Granska och skicka in');
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle(`Steg 4 av 4: Granska och skicka in – ${ESERVICE} – Mina sidor – ${municipality}`);
  const answers = page.locator('#review-answers');
  await expect(answers).toContainText('Trasig lekplatsutrustning');
  await expect(answers).toContainText('Lekplatsen i Stadsparken');
  await expect(answers).toContainText('gungan.jpg');
  await expect(answers).toContainText('medborgare@exempel.se');
  await expect(page.getByRole('link', { name: 'Ändra Om felet' })).toBeVisible();
  // The e-mail differs from the (empty) profile: the citizen is asked.
  await expect(page.getByLabel('Spara de nya uppgifterna i min profil')).not.toBeChecked();
  await checkPage(page);
  await screenshot(page, 'review');

  // Submit, once, with an Idempotency-Key.
  const submitted = page.waitForResponse(
    (r) => /\/api\/v1\/drafts\/[0-9a-f-]+\/submit$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Skicka in', exact: true }).click();
  const response = await submitted;
  expect(response.status()).toBe(201);
  expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  const caseNumber = ((await response.json()) as { case_number: string }).case_number;
  expect(caseNumber).toMatch(/^\d{4}-\d{6}$/);

  // The receipt.
  await expect(page).toHaveURL(/\/kvitto$/);
  await expect(h1).toHaveText('Ditt ärende är inskickat');
  await expect(h1).toBeFocused();
  await expect(page.locator('.receipt__number')).toHaveText(caseNumber);
  // One line at every width: never "2026-" over "000416".
  const receiptNumber = page.locator('.receipt__number');
  const lineHeight = await receiptNumber.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
  expect((await receiptNumber.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
  await checkPage(page);
  await screenshot(page, 'receipt');
  await page.getByRole('link', { name: 'Se ärendet på Mina sidor' }).click();

  // The case, with its number, status and dated history.
  await expect(h1).toHaveText(ESERVICE);
  await expect(page.locator('.case-facts')).toContainText(caseNumber);
  await expect(page.locator('.case-facts')).toContainText('Inskickat');
  await expect(page.locator('.case-history')).toContainText('Ärendet skickades in');
  await checkPage(page);

  // Mina sidor lists it as ongoing.
  await (await header(page)).getByRole('link', { name: 'Mina ärenden' }).click();
  await expect(page.getByRole('region', { name: 'Pågående ärenden' })).toContainText(caseNumber);
}

test('a citizen reports a fault with a photo, leaves half-way, comes back and submits', async ({
  page,
  context,
  site,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await journey(page, context, site);
});

test('the same journey works at 320 CSS pixels', async ({ page, context, site }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 800 });
  await journey(page, context, site);
});

test('a draft can be deleted by its owner', async ({ page, context }) => {
  await logInAsCitizen(page, context);
  await page.goto('/e-tjanster/felanmalan-gata-park');
  await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Om felet');
  const id = new URL(page.url()).pathname.split('/')[2];

  // The form in English: the definition's English texts and the app's.
  await (await header(page)).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About the fault');
  await expect(page).toHaveTitle(/^Step 1 of 4: About the fault – Report a fault in a street or park – Mina sidor/);
  await expect(page.getByRole('group', { name: 'What kind of fault is it?' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Steps of the e-service' })).toContainText('Review and submit');
  await checkPage(page);
  await (await header(page)).getByRole('button', { name: 'Svenska' }).click();

  await page.getByRole('button', { name: 'Ta bort utkastet', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Ta bort utkastet', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('button', { name: 'Ja, ta bort utkastet' }).click();
  await expect(page).toHaveURL(/\/mina-sidor\?borttaget=1$/);
  await expect(page.getByText('Utkastet är borttaget.')).toBeVisible();
  await expect(page.locator(`a[href="/arenden/${id}"]`)).toHaveCount(0);
});

test.describe('a refused file', () => {
  // Chromium logs the server's 415 answer to the upload as a console error.
  test.use({ allowedConsoleErrors: [/the server responded with a status of 415/] });

test('a refused file is explained at the field and nothing typed is lost', async ({ page, context }) => {
  await logInAsCitizen(page, context);
  await page.goto('/e-tjanster/felanmalan-gata-park');
  await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Om felet');
  await page.getByRole('radio', { name: 'Något annat' }).check();
  await page.getByLabel('Var finns felet?').fill('Storgatan 12');
  await page.getByLabel('Beskriv felet').fill('En skylt har ramlat ner.');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bilder');

  // A PDF where photos are asked for: the server decides the type from the content (415).
  await page.getByLabel('Bilder på felet').setInputFiles({
    name: 'bild.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'),
  });
  const input = page.getByLabel('Bilder på felet');
  await expect(page.getByText('Filen ”bild.jpg” har ett format som inte går att ta emot.', { exact: false })).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expectNoFiles(page);
  await checkPage(page);

  await page.getByRole('button', { name: 'Tillbaka' }).click();
  await expect(page.getByLabel('Var finns felet?')).toHaveValue('Storgatan 12');
});
});

async function expectNoFiles(page: Page): Promise<void> {
  await expect(page.getByText('0 filer bifogade. Högst 3 filer.')).toBeVisible();
}

test('logging in from an e-service returns to it', async ({ page, context }) => {
  await page.goto('/e-tjanster/felanmalan-gata-park');
  await expect(page.getByText('Du behöver logga in med BankID för att använda e-tjänsten.')).toBeVisible();
  await checkPage(page);
  await page.getByRole('link', { name: 'Logga in och starta e-tjänsten' }).click();
  await expect(page).toHaveURL(/\/logga-in\?tillbaka=\/e-tjanster\/felanmalan-gata-park$/);
  const loginId = await startedLogin(page, () =>
    page.getByRole('button', { name: 'BankID på en annan enhet' }).click(),
  );
  await approveOnPhone(context, await readQrCode(page, loginId), citizen().personalNumber);
  await expect(page).toHaveURL(/\/e-tjanster\/felanmalan-gata-park$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ESERVICE);
  await expect(page.getByRole('button', { name: 'Starta e-tjänsten' })).toBeVisible();
});

test('what is typed just before the page is closed is saved on the way out', async ({ page, context }) => {
  await logInAsCitizen(page, context);
  await page.goto('/e-tjanster/felanmalan-gata-park');
  await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Om felet');
  const id = new URL(page.url()).pathname.split('/')[2];

  // Reload at once, well within the autosave delay.
  await page.getByLabel('Var finns felet?').fill('Torget');
  await page.reload();

  await expect
    .poll(async () =>
      page.evaluate(async (caseId) => {
        const response = await fetch(`/api/v1/cases/${caseId}`);
        return ((await response.json()) as { answers: Record<string, unknown> }).answers.location;
      }, id),
    )
    .toBe('Torget');
  await page.reload();
  await expect(page.getByLabel('Var finns felet?')).toHaveValue('Torget');
});
