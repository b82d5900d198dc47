import { type BrowserContext, type Page, test } from '@playwright/test';
import { TEST_PERSONS, type TestPerson, approveOnPhone, readQrCode, startQrLogin } from './bankid';
import { expect, expectNoAxeViolations, hasHorizontalScroll } from './helpers';

/**
 * What the e-service journeys share. They log in as other test persons than the login tests
 * (which expect an empty Mina sidor): each parallel worker its own person, so that BankID orders
 * never collide.
 */
export function citizen(): TestPerson {
  return TEST_PERSONS[2 + (test.info().parallelIndex % (TEST_PERSONS.length - 2))];
}

/** Logs in as this worker's citizen with the QR code and the test app; ends on /mina-sidor. */
export async function logInAsCitizen(page: Page, context: BrowserContext): Promise<TestPerson> {
  const person = citizen();
  const loginId = await startQrLogin(page);
  await approveOnPhone(context, await readQrCode(page, loginId), person.personalNumber);
  await expect(page).toHaveURL(/\/mina-sidor$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Välkommen, ${person.givenName}`);
  return person;
}

/** A tiny valid JPEG (SOI, JFIF APP0, EOI): enough for the server's content sniffing. */
export function jpegFile(name = 'foto.jpg'): { name: string; mimeType: string; buffer: Buffer } {
  const bytes = [
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
  ];
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(bytes) };
}

/** A tiny PDF. */
export function pdfFile(name = 'intyg.pdf'): { name: string; mimeType: string; buffer: Buffer } {
  const text = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(text, 'latin1') };
}

/** The form page's title: "Steg n av N: <step> – <e-service> – Mina sidor – <municipality>". */
export function stepTitle(n: number, total: number, step: string, eservice: string, municipality: string): string {
  return `Steg ${n} av ${total}: ${step} – ${eservice} – Mina sidor – ${municipality}`;
}

/** The step page is shown: heading, progress indicator with the current step, document title. */
export async function expectStep(
  page: Page,
  options: { n: number; total: number; heading: string; eservice: string; municipality: string },
): Promise<void> {
  const { n, total, heading, eservice, municipality } = options;
  await expect(page).toHaveURL(new RegExp(`/arenden/[0-9a-f-]+/steg/${n}$`));
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(heading);
  await expect(page).toHaveTitle(stepTitle(n, total, heading, eservice, municipality));
  const progress = page.getByRole('navigation', { name: 'Steg i e-tjänsten' });
  await expect(progress.getByRole('listitem')).toHaveCount(total);
  await expect(progress.locator('[aria-current="step"]')).toContainText(heading);
  await expect(page.getByText(`Steg ${n} av ${total}`, { exact: true })).toBeVisible();
}

/** axe on the page, and at narrow widths no sideways scrolling. */
export async function checkPage(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  const width = page.viewportSize()?.width ?? 1280;
  if (width <= 320) {
    expect(await hasHorizontalScroll(page), `horizontal scroll on ${page.url()}`).toBe(false);
  }
}

/** Waits for the polite "Utkast sparat" announcement. */
export async function expectDraftSaved(page: Page): Promise<void> {
  const status = page.locator('.draft-status__saved');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText('Utkast sparat', { timeout: 8_000 });
}

/** Takes a screenshot for people to look at, when `E2E_SCREENSHOTS` names a directory. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
}

export const CSRF = { 'X-Requested-With': 'mina-sidor' };
/** Submits a complete fault report with the citizen's cookies; returns id and case number. */
export async function submitFaultReport(page: Page): Promise<{ id: string; number: string }> {
  const api = page.request;
  const draft = await (await api.post('/api/v1/drafts', { headers: CSRF, data: { eservice: 'felanmalan-gata-park' } })).json();
  const upload = await api.post(`/api/v1/drafts/${draft.id}/attachments?field=photos&name=hal.jpg`, {
    headers: { ...CSRF, 'Content-Type': 'application/octet-stream' },
    data: jpegFile('hal.jpg').buffer,
  });
  expect(upload.status()).toBe(201);
  const photo = await upload.json();
  const saved = await api.put(`/api/v1/drafts/${draft.id}`, {
    headers: CSRF,
    data: {
      answers: {
        fault_type: 'pothole',
        location: 'Storgatan 12, utanför biblioteket',
        description: 'Ett djupt hål i asfalten.',
        photos: [photo.id],
        wants_feedback: false,
      },
      lock_version: photo.lock_version,
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const submitted = await api.post(`/api/v1/drafts/${draft.id}/submit`, {
    headers: { ...CSRF, 'Idempotency-Key': `e2e-${draft.id}` },
  });
  expect(submitted.status(), await submitted.text()).toBe(201);
  const body = await submitted.json();
  return { id: body.id, number: body.case_number };
}

