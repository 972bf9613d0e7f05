import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The words of each language these journeys read, and the invoice file's columns in its dialect. */
const words = {
  en: {
    billing: 'Billing', caption: 'Invoices, newest first', heading: /^Invoice (FAC-\d{4}-\d{6})$/,
    lines: 'Fees by payment method', fees: 'Fees excl. VAT', vat: /^VAT at [\d.]+%$/, total: 'Total incl. VAT',
    back: 'Back to billing', download: 'Download as CSV', question: 'Question about this invoice',
    account: 'Business account ID', shop: 'Online shop name', invoice: 'Invoice number',
    date: 'Transaction date (optional)', subject: 'Subject', about: 'Question about invoice',
    columns: { number: 'number', method: 'method', total: 'total' }, delimiter: ',', bom: false,
  },
  fr: {
    billing: 'Facturation', caption: 'Factures, de la plus récente à la plus ancienne', heading: /^Facture (FAC-\d{4}-\d{6})$/,
    lines: 'Frais par moyen de paiement', fees: 'Frais HT', vat: /^TVA à [\d,]+\u00a0%$/, total: 'Total TTC',
    back: 'Retour à la facturation', download: 'Télécharger en CSV pour un tableur en français',
    question: 'Question sur cette facture', account: 'Identifiant du compte business',
    shop: 'Nom de la boutique en ligne', invoice: 'Numéro de facture', date: 'Date de la transaction (facultatif)',
    subject: 'Objet', about: 'Question sur la facture',
    columns: { number: 'numéro', method: 'moyen de paiement', total: 'total TTC' }, delimiter: ';', bom: true,
  },
};

// Paris Shop (euros, so that amounts have decimals) in English, read by its administrator (its
// Finance is the log-in tests' account for repeated failures); Abidjan Shop's Finance in French.
const casts = [
  { lang: 'en', reader: 'admin@paris-shop.demo' },
  { lang: 'fr', reader: 'finance@abidjan-shop.demo' },
] as const;

/** An amount as the page writes it (`€1,234.50`, « 1 234 F CFA ») or as a file does (`1234.50`,
 * `1234,50`) in minor units: both always have the currency's decimals. */
function minor(amount: string): number {
  return Number(amount.replace(/[^\d]/g, ''));
}

/** Signs in and opens the newest invoice from the navigation, once the settlement job has
 * issued the demo's (just after the server starts). */
async function openNewestInvoice(page: Page, lang: 'en' | 'fr', reader: string) {
  const w = words[lang];
  await signIn(page, reader);
  await expect
    .poll(async () => (await (await page.request.get('/api/v1/invoices')).json()).length ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.getByRole('link', { name: w.billing, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.billing })).toBeVisible();
  const list = page.getByRole('table', { name: w.caption });
  // A header row, then the months, newest first.
  const first = list.getByRole('row').nth(1).getByRole('link');
  const number = (await first.innerText()).trim();
  expect(number).toMatch(/^FAC-\d{4}-\d{6}$/);
  await first.click();
  await expect(page).toHaveURL(/\/invoices\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: w.heading })).toHaveText(w.heading);
  return number;
}

for (const cast of casts) {
  const { lang } = cast;
  const w = words[lang];

  test.describe(lang, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });

    test(`${lang}: a month's fee invoice reads line by line, its file adds up to the page, and a question about it opens a billing ticket already filled in`, async ({ page }) => {
      test.setTimeout(120_000);
      const number = await openNewestInvoice(page, lang, cast.reader);
      const main = page.getByRole('main');

      // Fees by payment method, then the totals: fees and their VAT make the total.
      const lines = page.getByRole('table', { name: w.lines });
      await expect(lines.getByRole('row')).not.toHaveCount(1);
      const figure = async (label: string | RegExp) =>
        minor((await main.locator('dt').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]').innerText()));
      const fees = await figure(w.fees);
      const vat = await figure(w.vat);
      const total = await figure(w.total);
      expect(fees).toBeGreaterThan(0);
      expect(fees + vat).toBe(total);

      // The file in the user's dialect: a row per method, then the total's, which the page shows.
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: w.download, exact: true }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`${number}.csv`);
      const text = (await readFile((await download.path())!)).toString('utf8');
      expect(text.startsWith('\ufeff')).toBe(w.bom);
      const rows = text.replace(/^\ufeff/, '').trim().split(/\r?\n/).map((r) => r.split(w.delimiter));
      const header = rows[0];
      const last = rows[rows.length - 1];
      expect(last[header.indexOf(w.columns.method)]).toBe('total');
      expect(last[header.indexOf(w.columns.number)]).toBe(number);
      expect(minor(last[header.indexOf(w.columns.total)])).toBe(total);

      // The question: the wizard, on a billing question with what support asks for filled in.
      const me = (await (await page.request.get('/api/v1/me')).json()).organisation;
      const invoice = (await (await page.request.get('/api/v1/invoices')).json()).find((i: { number: string }) => i.number === number);
      await page.getByRole('link', { name: w.question, exact: true }).click();
      await expect(page).toHaveURL(/\/tickets\/new\?draft=[0-9a-f-]{36}$/);
      await expect(page.getByLabel(w.account, { exact: true })).toHaveValue(me.id);
      await expect(page.getByLabel(w.shop, { exact: true })).toHaveValue(me.name);
      await expect(page.getByLabel(w.invoice, { exact: true })).toHaveValue(number);
      await expect(page.getByLabel(w.date, { exact: true })).toHaveValue(invoice.issued_on);
      await expect(page.getByLabel(w.subject, { exact: true })).toHaveValue(`${w.about} ${number}`);
    });
  });
}

test.describe('fr', () => {
  test.use({ locale: 'fr-FR' });

  test('fr: a viewer reads the invoices and their files, and asks no question (they file no ticket)', async ({ page }) => {
    await openNewestInvoice(page, 'fr', 'viewer@abidjan-shop.demo');
    await expect(page.getByRole('link', { name: words.fr.download, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: words.fr.question })).toHaveCount(0);
    await page.getByRole('link', { name: words.fr.back }).click();
    await expect(page.getByRole('heading', { level: 1, name: words.fr.billing })).toBeVisible();
  });
});

test.describe("someone else's invoice", () => {
  test.use({ expectedConsoleErrors: [/the server responded with a status of 404/] });

  test("another organisation's invoice is not found, and the page says so with its request id", async ({ page, browser }) => {
    const other = await browser.newContext();
    const them = await other.newPage();
    await signIn(them, 'finance@abidjan-shop.demo');
    const theirs = (await (await them.request.get('/api/v1/invoices')).json())[0]?.id;
    await other.close();
    expect(theirs).toBeTruthy();

    await signIn(page, 'admin@paris-shop.demo');
    await page.goto(`/invoices/${theirs}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Invoice' })).toBeVisible();
    await expect(page.getByText(/^Request id: /)).toBeVisible();
    expect((await page.request.get(`/api/v1/invoices/${theirs}/download`)).status()).toBe(404);
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });

  test('fr: on a phone neither the invoices nor an invoice scroll sideways, not even inside their tables', async ({ page }) => {
    await openNewestInvoice(page, 'fr', 'finance@abidjan-shop.demo');
    for (const at of [page.url(), '/invoices']) {
      await page.goto(at);
      await expect(page.getByRole('table')).toBeVisible();
      const wider = await page.evaluate(() =>
        [document.documentElement, ...document.querySelectorAll('.gu-table')]
          .filter((el) => el.scrollWidth > el.clientWidth)
          .map((el) => `${el.className}: ${el.scrollWidth - el.clientWidth} px`));
      expect(wider, at).toEqual([]);
    }
  });
});
