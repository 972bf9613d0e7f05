import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';

/** The words of each language this journey reads. */
const words = {
  en: {
    balances: 'Balances', main: 'Main balance', next: 'Next settlement', gross: 'Gross sales', fees: 'Fees',
    vat: 'VAT on fees', refunds: 'Refunds', held: 'Reserve held', released: 'Reserve released',
    net: 'Net to the main account', chart: /^Sales, fees and net settled by day from /,
    asTable: 'Show the figures as a table', figures: 'Sales, fees and net settled by day',
    settlements: 'Settlements, newest first', settlement: /^Settlement of /, salesOf: 'Sales of',
    see: 'See them in the purchases list', back: 'Back to balances', purchases: 'Purchases',
    notAllowed: 'Access not allowed',
  },
  fr: {
    balances: 'Soldes', main: 'Solde principal', next: 'Prochain règlement', gross: 'Ventes brutes', fees: 'Frais',
    vat: 'TVA sur les frais', refunds: 'Remboursements', held: 'Somme de garantie retenue',
    released: 'Somme de garantie libérée', net: 'Net versé au compte principal',
    chart: /^Ventes, frais et net réglé par jour du /, asTable: 'Afficher les chiffres en tableau',
    figures: 'Ventes, frais et net réglé par jour', settlements: 'Règlements, du plus récent au plus ancien',
    settlement: /^Règlement du /, salesOf: 'Ventes du', see: 'Les voir dans la liste des achats',
    back: 'Retour aux soldes', purchases: 'Achats', notAllowed: 'Accès non autorisé',
  },
};

// Who reads the balances in each language, and someone whose roles do not include reports.read.
// finance@paris-shop.demo is the log-in tests' account for repeated failures (it then needs a
// mailed code), so Paris Shop's reader here is its administrator; Abidjan Shop's is Finance.
const casts = [
  { lang: 'en', reader: 'admin@paris-shop.demo', amount: /€[\d,]+\.\d{2}/, without: 'support@paris-shop.demo' },
  { lang: 'fr', reader: 'finance@abidjan-shop.demo', amount: /[\d\s\u202f]+\sF\sCFA/, without: 'developer@abidjan-shop.demo' },
] as const;

/** The card under a heading: the innermost section that holds it. */
function card(page: Page, heading: string) {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: heading, exact: true }) }).last();
}

for (const cast of casts) {
  const { lang } = cast;
  const w = words[lang];

  test.describe(lang, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });

    test(`${lang}: a shop's finance reads its balances, the next settlement, the last 30 days and a settlement line by line`, async ({ page }) => {
      await signIn(page, cast.reader);
      // The demo's settlements are made by a job just after the server starts.
      await expect
        .poll(async () => (await (await page.request.get('/api/v1/settlements')).json()).items?.length ?? 0, { timeout: 30_000 })
        .toBeGreaterThan(0);

      await page.getByRole('link', { name: w.balances, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: w.balances })).toBeVisible();
      await expect(card(page, w.main)).toContainText(cast.amount);

      const next = card(page, w.next);
      for (const line of [w.gross, w.fees, w.vat, w.held, w.released, w.net]) {
        await expect(next.getByText(line, { exact: true })).toBeVisible();
      }
      await expect(next).toContainText(/20\d\d/);

      // The chart says what it shows; its figures are a table one click away.
      await expect(page.getByRole('img', { name: w.chart })).toBeVisible();
      const figures = page.getByRole('table', { name: w.figures });
      await expect(figures).toBeHidden();
      await page.getByText(w.asTable, { exact: true }).click();
      await expect(figures).toBeVisible();
      await expect(figures.getByRole('row')).toHaveCount(31);

      // The newest settlement, line by line.
      const list = page.getByRole('table', { name: w.settlements });
      await list.getByRole('link').first().click();
      await expect(page).toHaveURL(/\/settlements\/[^/]+$/);
      await expect(page.getByRole('heading', { level: 1, name: w.settlement })).toBeVisible();
      const main = page.getByRole('main');
      for (const line of [w.gross, w.fees, w.vat, w.refunds, w.held, w.released, w.net]) {
        await expect(main.getByText(line, { exact: true })).toBeVisible();
      }
      await expect(main.getByText(w.salesOf, { exact: true })).toBeVisible();
      await page.getByRole('link', { name: w.see }).click();
      await expect(page).toHaveURL(/\/purchases\?status=completed&from=\d{4}-\d{2}-\d{2}&until=\d{4}-\d{2}-\d{2}$/);
      await page.goBack();
      await page.getByRole('link', { name: w.back }).click();
      await expect(page.getByRole('heading', { level: 1, name: w.balances })).toBeVisible();
    });

    test(`${lang}: someone whose roles do not read reports has no Balances`, async ({ page }) => {
      await signIn(page, cast.without);
      await expect(page.getByRole('link', { name: w.purchases, exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: w.balances, exact: true })).toHaveCount(0);
      await page.goto('/balances');
      await expect(page.getByRole('heading', { level: 1, name: w.notAllowed })).toBeVisible();
    });
  });
}
