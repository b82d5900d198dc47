import { checkPage, logInAsCitizen, screenshot } from './eservice-helpers';
import { documentTitle, expect, header, test } from './helpers';

/**
 * The profile page: name from BankID (read-only), e-mail, mobile number, postal address and the
 * notification channels; the server's 422 errors shown in an error summary linked to the fields;
 * saved details prefill a new draft.
 */

// Chromium logs the server's 422 answer to invalid details as a console error.
test.use({ allowedConsoleErrors: [/the server responded with a status of 422/] });

test('a citizen keeps contact details in the profile, and they prefill e-services', async ({
  page,
  context,
  site,
}) => {
  test.setTimeout(90_000);
  const person = await logInAsCitizen(page, context);

  await (await header(page)).getByRole('link', { name: 'Kontaktuppgifter' }).click();
  await expect(page).toHaveURL(/\/mina-sidor\/profil$/);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('Dina kontaktuppgifter');
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle(documentTitle('Dina kontaktuppgifter', site));
  const name = page.getByLabel('Namn');
  await expect(name).toHaveValue(`${person.givenName} ${person.surname}`);
  await expect(name).toHaveAttribute('readonly', '');
  await checkPage(page);

  // Invalid details: the server's errors, summarised and linked; nothing typed is lost.
  await page.getByLabel('E-postadress').fill('inte-en-adress');
  await page.getByLabel('Mobilnummer').fill('070-123 45 67');
  const address = page.getByRole('group', { name: 'Postadress' });
  await address.getByLabel('Gatuadress').fill('Storgatan 1');
  await address.getByLabel('Postnummer').fill('12');
  await address.getByLabel('Postort').fill('Sala');
  await page.getByRole('group', { name: 'Hur vill du få aviseringar?' }).getByLabel('E-post').check();
  await page.getByRole('button', { name: 'Spara' }).click();
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Rätta följande för att spara:' }) });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(2);
  await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');
  await expect(address.getByLabel('Postnummer')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-postadress')).toHaveValue('inte-en-adress');
  await checkPage(page);
  await screenshot(page, 'profile-errors');
  await summary.getByRole('link', { name: /postnummer/ }).click();
  await expect(address.getByLabel('Postnummer')).toBeFocused();

  // Corrected and saved.
  await address.getByLabel('Postnummer').fill('733 30');
  await page.getByLabel('E-postadress').fill('profil@exempel.se');
  await page.getByRole('group', { name: 'Hur vill du få aviseringar?' }).getByLabel('Sms').check();
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'sparade' })).toHaveText('Dina kontaktuppgifter är sparade.');
  await expect(summary).toHaveCount(0);
  await expect(page.getByLabel('Mobilnummer')).toHaveValue('+46701234567');

  // Kept on the server.
  await page.reload();
  await expect(page.getByLabel('E-postadress')).toHaveValue('profil@exempel.se');
  await expect(address.getByLabel('Postort')).toHaveValue('Sala');
  await expect(page.getByLabel('E-post', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Sms')).toBeChecked();

  // In English too.
  await (await header(page)).getByRole('button', { name: 'English' }).click();
  await expect(h1).toHaveText('Your contact details');
  await expect(page.getByLabel('Mobile number')).toHaveValue('+46701234567');
  await checkPage(page);
  await (await header(page)).getByRole('button', { name: 'Svenska' }).click();

  // A new draft is prefilled from the profile: the fault report's e-mail for feedback.
  await page.goto('/e-tjanster/felanmalan-gata-park');
  await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
  await expect(h1).toHaveText('Om felet');
  await page.goto(page.url().replace(/\/steg\/1$/, '/steg/3'));
  await expect(h1).toHaveText('Återkoppling');
  await page.getByRole('group', { name: 'Vill du få besked när felet är åtgärdat?' }).getByLabel('Ja').check();
  await expect(page.getByLabel('E-postadress för besked')).toHaveValue('profil@exempel.se');
});

test.describe('the profile in English', () => {
  test('the form has English labels and the name from BankID', async ({ page, context }) => {
    await logInAsCitizen(page, context);
    await (await header(page)).getByRole('button', { name: 'English' }).click();
    await (await header(page)).getByRole('link', { name: 'Contact details' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your contact details');
    await expect(page.getByRole('group', { name: 'How would you like to be notified?' })).toBeVisible();
    await expect(page.getByLabel('E-mail address')).toBeVisible();
    await checkPage(page);
    await (await header(page)).getByRole('button', { name: 'Svenska' }).click();
  });
});
