import { type Page } from '@playwright/test';
import { approveOnPhone, OTHER_DEVICE, readQrCode, startedLogin } from './bankid';
import { checkPage, citizen, CSRF, logInAsCitizen, submitFaultReport } from './eservice-helpers';
import { expect, expectNoAxeViolations, hasHorizontalScroll, header, openPage, test, WIDTHS } from './helpers';

/**
 * Where a first-time citizen used to stumble, each checked at 320 px and 1280 px with axe:
 * field errors that look alike, landlines in a phone field for calling, the co-signers named on
 * the start page, a draft reopened where it was left, drafts told apart, a case number that
 * never wraps, empty lists that say what is empty, no status said twice, a compact header, the
 * period select's contrast and the simulator's test app on a phone.
 */

/** A draft of the fault report with the citizen's cookies, with `answers` saved. */
async function faultDraft(page: Page, answers: Record<string, unknown>): Promise<string> {
  const draft = await (await page.request.post('/api/v1/drafts', { headers: CSRF, data: { eservice: 'felanmalan-gata-park' } })).json();
  const saved = await page.request.put(`/api/v1/drafts/${draft.id}`, {
    headers: CSRF,
    data: { answers, lock_version: draft.lock_version },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return draft.id;
}

/** The WCAG contrast ratio of two CSS colours `rgb(…)`/`rgba(…)` (the second opaque). */
function contrast(foreground: string, background: string): number {
  const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const luminance = (color: string) => {
    const [r, g, b] = channels(color).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [l1, l2] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (l1 + 0.05) / (l2 + 0.05);
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
    });

    test('a choice group error looks like a text field error', async ({ page, context }) => {
      await logInAsCitizen(page, context);
      await page.goto('/e-tjanster/felanmalan-gata-park');
      await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
      await page.getByRole('button', { name: 'Nästa' }).click();
      const groupError = page.locator('fieldset .ds-validation-message').first();
      const fieldError = page.locator('#field-location-error');
      await expect(groupError).toBeVisible();
      await expect(fieldError).toBeVisible();
      const colour = (l: typeof fieldError) => l.evaluate((e) => getComputedStyle(e).color);
      expect(await colour(groupError)).toBe(await colour(fieldError));
      expect(contrast(await colour(groupError), 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(4.5);
      await checkPage(page);
    });

    test('a phone field for calling takes a landline; the profile asks for a mobile and says why', async ({ page, context }) => {
      await logInAsCitizen(page, context);
      await page.goto('/e-tjanster/parkeringstillstand');
      await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
      const phone = page.getByLabel('Telefonnummer');
      const address = page.getByRole('group', { name: 'Adress' });
      await address.getByLabel('Gatuadress').fill('Parkvägen 3');
      await address.getByLabel('Postnummer').fill('73330');
      await address.getByLabel('Postort').fill('Sala');
      // Too short for any Swedish number: refused, with the landline form as the example.
      await phone.fill('08-12');
      await page.getByRole('button', { name: 'Nästa' }).click();
      await expect(phone).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#field-phone-error')).toContainText('08-123 456 78');
      await checkPage(page);
      // A Stockholm landline is a phone number to call.
      await phone.fill('08-123 456 78');
      await page.getByRole('button', { name: 'Nästa' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tillståndet');
      await page.goto('/mina-sidor/profil');
      await expect(page.getByLabel('Mobilnummer')).toBeVisible();
      await expect(page.getByText('Ett mobilnummer, eftersom aviseringar med sms bara når mobiltelefoner.')).toBeVisible();
      await checkPage(page);
    });

    test('the start page says up front who else signs, with BankID, and what the applicant gives', async ({ page }) => {
      await openPage(page, '/e-tjanster/skolbyte');
      const notice = page.getByRole('region', { name: 'Fler än du ska skriva under' });
      await expect(notice).toContainText('Vårdnadshavare 2');
      await expect(notice).toContainText('BankID');
      await expect(notice).toContainText('namn, personnummer och e-postadress eller mobilnummer');
      // Before the steps, not after them.
      const steps = page.getByRole('region', { name: 'Så går det till' });
      const [noticeTop, stepsTop] = [await notice.boundingBox(), await steps.boundingBox()];
      expect(noticeTop!.y).toBeLessThan(stepsTop!.y);
      await checkPage(page);
    });

    test('a draft reopens at the step where the citizen left off, and drafts are told apart', async ({ page, context }) => {
      await logInAsCitizen(page, context);
      const place = `Torget ${width}-${Date.now() % 100000}`;
      const other = `Parkgatan ${width}-${Date.now() % 100000}`;
      await faultDraft(page, { fault_type: 'pothole', location: place, description: 'Ett hål i gatan.' });
      await faultDraft(page, { location: other });
      await page.goto('/mina-sidor');
      const saved = page.getByRole('region', { name: 'Sparade ärenden' });
      const first = saved.getByRole('link', { name: new RegExp(place) });
      const second = saved.getByRole('link', { name: new RegExp(other) });
      await expect(first).toBeVisible();
      await expect(second).toBeVisible();
      await checkPage(page);
      // Saved without a step (as by an integration): the first draft's step 1 is complete, so
      // it opens at step 2; the other one still needs step 1.
      await first.click();
      await expect(page).toHaveURL(/\/steg\/2$/);
      await page.goto('/mina-sidor');
      await saved.getByRole('link', { name: new RegExp(other) }).click();
      await expect(page).toHaveURL(/\/steg\/1$/);
      // Going on to step 3 in the form and leaving: it reopens at step 3.
      await page.goto('/mina-sidor');
      await saved.getByRole('link', { name: new RegExp(place) }).click();
      await expect(page).toHaveURL(/\/steg\/2$/);
      await page.getByRole('button', { name: 'Nästa' }).click();
      await expect(page).toHaveURL(/\/steg\/3$/);
      await page.getByRole('button', { name: 'Spara och fortsätt senare' }).click();
      await expect(page).toHaveURL(/\/mina-sidor\?sparat=1$/);
      await saved.getByRole('link', { name: new RegExp(place) }).click();
      await expect(page).toHaveURL(/\/steg\/3$/);
    });

    test('empty lists say what is empty, a submitted case says so once, and its number never wraps', async ({ page, context }) => {
      await logInAsCitizen(page, context);
      await page.route('**/api/v1/cases?group=closed*', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }),
      );
      await page.goto('/mina-sidor');
      await expect(page.getByRole('region', { name: 'Avslutade ärenden' })).toContainText('Inga avslutade ärenden.');
      await expect(page.getByRole('region', { name: 'Avslutade ärenden' })).not.toContainText('Du har inga ärenden');

      // A submitted case: its page and its line on Mina sidor.
      const { id, number } = await submitFaultReport(page);
      await page.goto(`/arenden/${id}`);
      const caseNumber = page.locator('.case-number').first();
      await expect(caseNumber).toHaveText(number);
      const box = await caseNumber.boundingBox();
      const lineHeight = await caseNumber.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
      expect(box!.height).toBeLessThan(lineHeight * 1.5);
      await page.goto('/mina-sidor');
      const item = page.getByRole('region', { name: 'Pågående ärenden' }).locator('.case-item').filter({ hasText: number });
      await expect(item).toContainText('Inskickat');
      await expect(item.locator('.ds-tag', { hasText: 'Inskickat' })).toHaveCount(0);
      await expect(item.locator('.case-number')).toHaveText(number);
      const itemNumber = await item.locator('.case-number').boundingBox();
      expect(itemNumber!.height).toBeLessThan(lineHeight * 1.5);
      await checkPage(page);
    });

    test('the header is compact on a phone and every link stays reachable by keyboard', async ({ page, context }) => {
      await logInAsCitizen(page, context);
      await page.goto('/mina-sidor');
      const banner = page.getByRole('banner');
      const menu = banner.getByRole('button', { name: 'Meny' });
      if (width === 320) {
        expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(120);
        await expect(banner.getByRole('link', { name: 'E-tjänster' })).toBeHidden();
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        await menu.focus();
        await page.keyboard.press('Enter');
        await expect(menu).toHaveAttribute('aria-expanded', 'true');
        await page.keyboard.press('Tab');
        await expect(banner.getByRole('button', { name: 'Logga ut' })).toBeFocused();
        for (const name of ['E-tjänster', 'Mina ärenden', 'Kontaktuppgifter']) {
          await expect(banner.getByRole('link', { name })).toBeVisible();
        }
        await expect(banner.getByRole('button', { name: 'English' })).toBeVisible();
        await expectNoAxeViolations(page);
        await page.keyboard.press('Escape');
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        await expect(menu).toBeFocused();
        // A link in the menu closes it on the next page.
        await (await header(page)).getByRole('link', { name: 'E-tjänster' }).click();
        await expect(page).toHaveURL(/\/e-tjanster$/);
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        expect(await hasHorizontalScroll(page)).toBe(false);
      } else {
        await expect(menu).toBeHidden();
        for (const name of ['E-tjänster', 'Mina ärenden', 'Kontaktuppgifter']) {
          await expect(banner.getByRole('link', { name })).toBeVisible();
        }
        await expect(banner.getByRole('button', { name: 'Logga ut' })).toBeVisible();
        await expectNoAxeViolations(page);
      }
    });

    test('the period select has at least 4.5:1 contrast', async ({ page, context }) => {
      await logInAsCitizen(page, context);
      await page.goto('/e-tjanster/parkeringstillstand');
      await page.getByRole('button', { name: 'Starta e-tjänsten' }).click();
      await page.getByLabel('Telefonnummer').fill('070-765 43 21');
      const address = page.getByRole('group', { name: 'Adress' });
      await address.getByLabel('Gatuadress').fill('Parkvägen 3');
      await address.getByLabel('Postnummer').fill('73330');
      await address.getByLabel('Postort').fill('Sala');
      await page.getByRole('button', { name: 'Nästa' }).click();
      const period = page.locator('#field-period');
      await expect(period).toBeVisible();
      const [color, background] = await period.evaluate((e) => {
        const style = getComputedStyle(e);
        return [style.color, style.backgroundColor];
      });
      expect(background).not.toMatch(/rgba\(.*, 0\)/);
      expect(contrast(color, background)).toBeGreaterThanOrEqual(4.5);
      const option = await period.locator('option').first().evaluate((e) => getComputedStyle(e).color);
      expect(contrast(option, background)).toBeGreaterThanOrEqual(4.5);
      await checkPage(page);
    });

    test("the simulator's test app fits a phone", async ({ page, context }) => {
      await openPage(page, '/logga-in');
      const loginId = await startedLogin(page, () => page.getByRole('button', { name: OTHER_DEVICE.sv }).click());
      const app = await context.newPage();
      await app.setViewportSize({ width, height: 640 });
      await app.goto('/bankid-sim/app');
      await expect(app.getByRole('heading', { level: 1 })).toContainText('BankID testapp');
      await expect(app.getByRole('heading', { level: 3 }).first()).toBeVisible();
      expect(await hasHorizontalScroll(app)).toBe(false);
      await expectNoAxeViolations(app);
      await approveOnPhone(context, await readQrCode(page, loginId), citizen().personalNumber);
      await app.close();
    });
  });
}
