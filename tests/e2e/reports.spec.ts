import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The words of each language these journeys read, and the report's columns in its dialect. */
const words = {
  en: {
    reports: 'Reports', from: 'From', until: 'Until', format: 'Format', option: 'CSV (comma, decimal point)',
    download: 'Download', check: 'Check this period', ready: /^Report ready: (\S+), ([\d,]+) rows? \(/,
    reconcile: 'The books reconcile for this period', caption: /^The books from /,
    lines: { gross: 'Gross sales', fees: 'Fees', vat: 'VAT on fees', refunds: 'Refunds' },
    matches: 'Matches', untilFirst: 'The period ends before it starts: choose an end on or after the start.',
    columns: { settlement: 'settlement_id', gross: 'gross', fees: 'fees', vat: 'vat', refunds: 'refunds' },
    delimiter: ',', bom: false,
  },
  fr: {
    reports: 'Rapports', from: 'Du', until: 'Au', format: 'Format',
    option: 'CSV pour tableur en français', download: 'Télécharger',
    check: 'Vérifier la période', ready: /^Rapport prêt : (\S+), ([\d\s\u202f]+) lignes? \(/,
    reconcile: 'Les comptes concordent sur la période', caption: /^Les comptes du /,
    lines: { gross: 'Ventes brutes', fees: 'Frais', vat: 'TVA sur les frais', refunds: 'Remboursements' },
    matches: 'Concorde', untilFirst: 'La période finit avant de commencer : choisissez une fin égale ou postérieure au début.',
    columns: { settlement: 'règlement', gross: 'brut', fees: 'frais', vat: 'TVA', refunds: 'remboursements' },
    delimiter: ';', bom: true,
  },
};

// Abidjan Shop's Finance reads its report in English (francs: no decimals). In French, a shop paid
// in euros, so that the dialect's decimal commas show: finance@paris-shop.demo is the log-in
// tests' account for repeated failures (it then needs a mailed code), so Paris Shop's reader
// here is its administrator.
const casts = [
  { lang: 'en', reader: 'finance@abidjan-shop.demo', format: 'csv' },
  { lang: 'fr', reader: 'admin@paris-shop.demo', format: 'csv_fr' },
] as const;

/** RFC 4180 records: quoted cells may hold the delimiter, doubled quotes and line breaks. */
function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { record.push(cell); cell = ''; }
    else if (c === '\n') { record.push(cell); records.push(record); record = []; cell = ''; }
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || record.length > 0) { record.push(cell); records.push(record); }
  return records;
}

/** A report's amount (`1234.50`, `1234,50`, `15000`) in minor units: it always has the
 * currency's decimals. */
function minorOfCsv(amount: string): number {
  return Number(amount.replace(/[.,]/, ''));
}

/** An amount as the page writes it (`€1,234.50`, « 1 234,50 € », `F CFA 15,000`) in minor units. */
function minorOfPage(amount: string): number {
  return Number(amount.replace(/[\u2212]/g, '-').replace(/[^\d-]/g, ''));
}

/** The « Found » figure of a line of the reconciliation. */
async function found(page: Page, line: string): Promise<number> {
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${line}`) }) });
  return minorOfPage((await row.getByRole('cell').nth(0).textContent()) ?? '');
}

/** Signs in, opens the reports and waits until the settlements have caught up past the period
 * the page proposes (the demo's are made by a job just after the server starts), then checks
 * that period afresh. */
async function openReports(page: Page, lang: 'en' | 'fr', reader: string) {
  const w = words[lang];
  await signIn(page, reader);
  await page.getByRole('link', { name: w.reports, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.reports })).toBeVisible();
  const from = await page.getByLabel(w.from, { exact: true }).inputValue();
  const until = await page.getByLabel(w.until, { exact: true }).inputValue();
  expect(from).toMatch(/^\d{4}-\d{2}-01$/);
  const newest = async () => (await (await page.request.get('/api/v1/settlements')).json()).items?.[0]?.day ?? '';
  await expect.poll(async () => (await newest()) > until, { timeout: 60_000 }).toBe(true);
  await page.getByRole('button', { name: w.check }).click();
  return { from, until };
}

for (const cast of casts) {
  const { lang } = cast;
  const w = words[lang];

  test.describe(lang, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });

    test(`${lang}: a month's report, downloaded in its dialect, adds up to what the reconciliation shows, and the books reconcile`, async ({ page }) => {
      const { from, until } = await openReports(page, lang, cast.reader);
      const check = page.getByRole('table', { name: w.caption });
      await expect(check).toBeVisible();
      await expect(page.getByText(w.reconcile)).toBeVisible();
      for (const line of Object.values(w.lines)) {
        await expect(check.getByRole('row').filter({ hasText: line }).first()).toContainText(w.matches);
      }

      await page.getByLabel(w.format, { exact: true }).selectOption({ label: w.option });
      await expect(page.getByLabel(w.format, { exact: true })).toHaveValue(cast.format);
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: w.download, exact: true }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`guichet-report-${from}-${until}.csv`);
      const bytes = await readFile((await download.path())!);

      // What came is said in words, in a polite live region: the file and its rows.
      const news = page.getByRole('status').filter({ hasText: w.ready });
      await expect(news).toBeVisible();
      const [, name, shownRows] = (await news.textContent())!.match(w.ready)!;
      expect(name).toBe(download.suggestedFilename());

      // The dialect: a byte-order mark and semicolons for a spreadsheet in French, commas else.
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      expect(bom).toBe(w.bom);
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      const [header, ...rows] = parseCsv(text, w.delimiter);
      expect(header.length).toBe(13);
      expect(Number(shownRows.replace(/\D/g, ''))).toBe(rows.length);
      const at = (name: string) => {
        const i = header.indexOf(name);
        expect(i, `column ${name} in ${header.join('|')}`).toBeGreaterThanOrEqual(0);
        return i;
      };
      const c = w.columns;
      const [settlement, gross, fees, vat, refunds] = [c.settlement, c.gross, c.fees, c.vat, c.refunds].map(at);
      const purchases = rows.filter((r) => r[1] === 'purchase');
      expect(purchases.length).toBeGreaterThan(0);
      if (lang === 'fr') {
        for (const r of purchases) expect(r[gross]).toMatch(/^\d+,\d{2}$/);
      }

      // The rows settlements took add up to the report's figures the reconciliation shows.
      const settled = rows.filter((r) => r[settlement] !== '');
      const sum = (i: number) => settled.reduce((total, r) => total + minorOfCsv(r[i]), 0);
      expect(sum(gross)).toBeGreaterThan(0);
      expect(sum(gross)).toBe(await found(page, w.lines.gross));
      expect(sum(fees)).toBe(await found(page, w.lines.fees));
      expect(sum(vat)).toBe(await found(page, w.lines.vat));
      expect(sum(refunds)).toBe(await found(page, w.lines.refunds));
      await expect(page.getByText(w.reconcile)).toBeVisible();
    });
  });
}

test('en: a period that ends before it starts is refused in the browser, with the dates kept', async ({ page }) => {
  const w = words.en;
  await signIn(page, 'viewer@abidjan-shop.demo');
  await page.getByRole('link', { name: w.reports, exact: true }).click();
  const reports: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/reports/transactions')) reports.push(r.url()); });
  const from = page.getByLabel(w.from, { exact: true });
  const until = page.getByLabel(w.until, { exact: true });
  await from.fill('2026-11-30');
  await until.fill('2026-11-01');
  await page.getByRole('button', { name: w.download, exact: true }).click();
  await expect(page.getByText(w.untilFirst)).toBeVisible();
  await expect(until).toHaveAttribute('aria-invalid', 'true');
  await expect(until).toHaveAccessibleDescription(w.untilFirst);
  await expect(from).toHaveValue('2026-11-30');
  await expect(until).toHaveValue('2026-11-01');
  expect(reports).toEqual([]);
});
