import { type Browser, type BrowserContext, type Page } from '@playwright/test';
import { checkPage, jpegFile, logInAsCitizen, screenshot, submitFaultReport } from './eservice-helpers';
import { expect, test } from './helpers';

/**
 * Both sides of a case in one test: the citizen's fault report is submitted; the officer logs
 * in, finds it in the queue by keyboard, takes it and writes; the citizen sees the unread badge
 * and reads it (the officer then sees "Läst"), replies with a file; the officer publishes a
 * status note, writes an internal note and closes the case with a decision; the citizen finds it
 * under closed cases with the decision and the history, and never sees the internal note. axe
 * on every page and state of both sides.
 */

const INTERNAL_NOTE = 'Intern: ring entreprenören på måndag';

async function officerPage(browser: Browser, width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE' });
  return { context, page: await context.newPage() };
}

async function journey(page: Page, context: BrowserContext, browser: Browser): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  await logInAsCitizen(page, context);
  const { id, number } = await submitFaultReport(page);

  // The officer logs in by keyboard.
  const officer = await officerPage(browser, width);
  const o = officer.page;
  await o.goto('/handlaggare/logga-in');
  await expect(o.getByRole('heading', { level: 1 })).toHaveText('Logga in som handläggare');
  await checkPage(o);
  await o.getByLabel('Användarnamn').fill('handlaggare');
  await o.getByLabel('Lösenord').fill('fel-losenord');
  await o.getByLabel('Lösenord').press('Enter');
  await expect(o.getByRole('alert')).toContainText('Fel användarnamn eller lösenord.');
  await checkPage(o);
  await o.getByLabel('Lösenord').fill('demo-losenord');
  await o.getByLabel('Lösenord').press('Enter');
  await expect(o.getByRole('heading', { level: 1 })).toHaveText('Ärenden');
  await checkPage(o);

  // Finds the case by its number, by keyboard, and opens it.
  await o.getByLabel('Sök ärende').fill(number);
  await o.getByLabel('Sök ärende').press('Enter');
  const row = o.getByRole('row').filter({ has: o.getByRole('link', { name: number }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Inskickat');
  await checkPage(o);
  await screenshot(o, 'officer-queue');
  await o.getByRole('link', { name: number }).focus();
  await o.keyboard.press('Enter');
  await expect(o.getByRole('heading', { level: 1 })).toContainText(number);
  const answers = o.getByRole('region', { name: 'Svar' });
  await expect(answers.getByText('Var finns felet?')).toBeVisible();
  await expect(answers.getByText('Storgatan 12, utanför biblioteket')).toBeVisible();
  await checkPage(o);

  // Takes it, starts, writes to the citizen.
  await o.getByRole('button', { name: 'Ta ärendet' }).click();
  await expect(o.locator('.officer-facts')).toContainText('Hanna Handläggare');
  await o.getByRole('button', { name: 'Påbörja handläggning' }).click();
  await expect(o.locator('.officer-facts')).toContainText('Handläggs');
  const hostile = 'Hej! Vi tittar på det. <script>alert(1)</script>';
  await o.getByLabel('Meddelande till sökanden').fill(hostile);
  await o.getByRole('button', { name: 'Skicka', exact: true }).click();
  const sent = o.locator('.message').filter({ hasText: 'Hej! Vi tittar på det.' });
  await expect(sent).toContainText('Inte läst ännu');
  await expect(sent.locator('.message__body')).toHaveText(hostile);
  await checkPage(o);

  // The citizen sees the unread badge and reads the message.
  await page.goto('/mina-sidor');
  const ongoing = page.getByRole('region', { name: 'Pågående ärenden' });
  const item = ongoing.locator('.case-item').filter({ hasText: number });
  await expect(item).toContainText('1 oläst meddelande');
  await checkPage(page);
  await item.getByRole('link').click();
  const thread = page.getByRole('region', { name: 'Meddelanden' });
  await expect(thread.locator('.message__body')).toHaveText(hostile);
  await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);
  await checkPage(page);

  // The officer sees it was read.
  await o.reload();
  await expect(o.locator('.message').filter({ hasText: 'Hej! Vi tittar på det.' })).toContainText(/Läst \d{2}\.\d{2}/);

  // The citizen replies with a photo.
  await page.getByLabel('Skriv ett meddelande till handläggaren').fill('Tack! Här är en bild till.');
  await page.getByLabel(/Bifoga filer/).setInputFiles(jpegFile('kvitto.jpg'));
  await page.getByRole('button', { name: 'Skicka meddelandet' }).click();
  const reply = thread.locator('.message').filter({ hasText: 'Tack! Här är en bild till.' });
  await expect(reply).toContainText('Inte läst ännu');
  await expect(reply.getByRole('link', { name: 'kvitto.jpg' })).toBeVisible();
  await checkPage(page);

  // The officer sees the unread reply in the queue, opens it, notes, publishes and closes.
  await o.goto('/handlaggare');
  await o.getByLabel('Visa').selectOption({ label: 'Mina ärenden' });
  await o.getByLabel('E-tjänst').selectOption({ label: 'Felanmälan gata och park' });
  await o.getByLabel('Ordning').selectOption('received_desc');
  await o.getByRole('button', { name: 'Visa ärenden' }).click();
  await expect(o.getByRole('row').filter({ hasText: number })).toContainText('1 oläst');
  await checkPage(o);
  await o.getByRole('link', { name: number }).click();
  await expect(o.getByRole('link', { name: 'kvitto.jpg' })).toBeVisible();
  await o.getByLabel('Ny anteckning').fill(INTERNAL_NOTE);
  await o.getByRole('button', { name: 'Spara anteckning' }).click();
  await expect(o.getByRole('region', { name: 'Interna anteckningar' })).toContainText(INTERNAL_NOTE);
  await o.getByLabel('Statusuppdatering till sökande').fill('Vi har beställt en reparation');
  await o.getByRole('button', { name: 'Publicera' }).click();
  await expect(o.getByRole('region', { name: 'Historik' })).toContainText('Vi har beställt en reparation');
  await o.getByLabel('Utfall').selectOption('decided');
  await o.getByLabel('Beslut', { exact: true }).fill('Hålet är lagat.');
  await o.getByRole('button', { name: 'Avsluta', exact: true }).click();
  await expect(o.locator('.officer-facts')).toContainText('Avslutat');
  await expect(o.locator('.officer-facts')).toContainText('Beslutat');
  await checkPage(o);
  await screenshot(o, 'officer-case-closed');

  // The citizen finds it under closed cases, with the decision and the history.
  await page.goto('/mina-sidor');
  const closed = page.getByRole('region', { name: 'Avslutade ärenden' });
  await closed.locator('.case-item').filter({ hasText: number }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/arenden/${id}`));
  await expect(page.locator('.case-decision')).toHaveText('Hålet är lagat.');
  await expect(page.getByRole('region', { name: 'Händelser' })).toContainText('Vi har beställt en reparation');
  await expect(page.getByRole('region', { name: 'Händelser' })).toContainText('Ärendet avslutades');
  await expect(page.getByText(INTERNAL_NOTE)).toHaveCount(0);
  await checkPage(page);

  await officer.context.close();

  // An administrator asks the audit log who read the case, then what that officer did.
  const admin = await officerPage(browser, width);
  const a = admin.page;
  await a.goto('/handlaggare/logga-in');
  await a.getByLabel('Användarnamn').fill('admin');
  await a.getByLabel('Lösenord').fill('demo-losenord');
  await a.getByRole('button', { name: 'Logga in' }).click();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Loggbok');
  await a.getByLabel('Ärendenummer').fill(number);
  await a.getByRole('button', { name: 'Visa händelser' }).click();
  const log = a.getByRole('table');
  await expect(log.getByRole('row').filter({ hasText: 'Öppnade ärendet' }).first()).toContainText('Hanna Handläggare');
  await expect(log.getByRole('row').filter({ hasText: 'Avslutade ärendet' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'Skrev en intern anteckning' })).toHaveCount(1);
  await checkPage(a);
  await log.getByRole('button', { name: 'Hanna Handläggare' }).first().click();
  await expect(a.getByLabel('Medarbetarens id')).not.toHaveValue('');
  await expect(log.getByRole('row').filter({ hasText: 'Hanna Handläggare' }).first()).toBeVisible();
  await checkPage(a);
  await admin.context.close();
}

test('an officer handles a fault report and the citizen follows it, both in one test', async ({ page, context, browser }) => {
  test.setTimeout(120_000);
  await journey(page, context, browser);
});

test('the officer and citizen journey works at 320 CSS pixels', async ({ page, context, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 800 });
  await journey(page, context, browser);
});
