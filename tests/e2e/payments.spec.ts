import { test, expect, signIn, password } from './fixtures';
import type { Browser, Page } from '@playwright/test';

/** The words of each language this journey reads. */
const words = {
  en: {
    purchases: 'Purchases', createRefund: 'Create a refund', amount: 'Amount to refund', reason: 'Reason',
    duplicate: 'Duplicate payment', note: 'Note for the approver', ask: 'Ask for the refund',
    awaiting: 'Awaiting approval', approve: 'Approve', reject: 'Reject', rejected: 'Rejected',
    completed: 'Completed', refundable: 'Still refundable', toApprove: 'To approve',
    ownRequest: /You asked for this refund yourself/, status: 'Status', period: 'Period',
    last7: 'Last 7 days', cancelled: 'Cancelled', required: 'Required.', rejectReason: 'Reason for rejecting',
    count: /^[\d,]+ purchases?$/,
  },
  fr: {
    purchases: 'Achats', createRefund: 'Créer un remboursement', amount: 'Montant à rembourser', reason: 'Motif',
    duplicate: 'Paiement en double', note: "Note pour l'approbateur", ask: 'Demander le remboursement',
    awaiting: "En attente d'approbation", approve: 'Approuver', reject: 'Rejeter', rejected: 'Rejeté',
    completed: 'Terminé', refundable: 'Encore remboursable', toApprove: 'À approuver',
    ownRequest: /Vous avez demandé ce remboursement vous-même/, status: 'Statut', period: 'Période',
    last7: '7 derniers jours', cancelled: 'Annulée', required: 'Obligatoire.', rejectReason: 'Motif du rejet',
    count: /^[\d\s\u202f]+ achats?$/,
  },
};

type Lang = keyof typeof words;

async function person(browser: Browser, lang: Lang, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** The refund's status, as its page states it (not a purchase's status beside it). */
function refundStatus(page: Page, status: string) {
  return page.getByRole('status').getByText(status, { exact: true });
}

/** The amount still refundable, as the purchase's page shows it. */
async function refundable(page: Page, lang: Lang): Promise<string> {
  const value = page.locator('dt', { hasText: words[lang].refundable }).locator('xpath=following-sibling::dd[1]');
  await expect(value).toBeVisible();
  return (await value.textContent())!.trim();
}

// Who does what in each language. finance@paris-shop.demo is the log-in tests' account for
// repeated failures (it then needs a mailed code), so Paris Shop's approver here is its
// administrator.
const casts = [
  { lang: 'en', small: '1.00', shown: '€1.00', asker: 'operations@paris-shop.demo', approver: 'admin@paris-shop.demo',
    self: 'admin@abidjan-shop.demo', selfSmall: '500', rejecter: 'finance@abidjan-shop.demo',
    viewer: 'viewer@paris-shop.demo', other: 'admin@paris-shop.demo' },
  { lang: 'fr', small: '500', shown: '500', asker: 'operations@abidjan-shop.demo', approver: 'finance@abidjan-shop.demo',
    self: 'admin@abidjan-shop.demo', selfSmall: '500', rejecter: 'finance@abidjan-shop.demo',
    viewer: 'viewer@abidjan-shop.demo', other: 'finance@abidjan-shop.demo' },
] as const;

for (const cast of casts) {
  const { lang, small } = cast;
  const w = words[lang];

  test(`${lang}: Operations asks for a partial refund, another employee approves it, the operator completes it`, async ({ browser }) => {
    const operations = await person(browser, lang, cast.asker);
    // The oldest purchases are the demo's least touched.
    await operations.goto('/purchases?status=completed&sort=oldest');
    await operations.getByRole('table').getByRole('link').first().click();
    const purchaseUrl = operations.url();
    const before = await refundable(operations, lang);

    await operations.getByRole('button', { name: w.createRefund }).click();
    await operations.getByLabel(w.amount).fill(small);
    await operations.getByLabel(w.reason).selectOption({ label: w.duplicate });
    await operations.getByLabel(w.note).fill('Charged twice at the till.');
    await operations.getByRole('button', { name: w.ask }).click();
    await expect(operations).toHaveURL(/\/refunds\/[^/]+$/);
    await expect(refundStatus(operations, w.awaiting)).toBeVisible();
    const refundUrl = operations.url();

    const finance = await person(browser, lang, cast.approver);
    await finance.getByRole('link', { name: new RegExp(`^${w.toApprove}`) }).click();
    await finance.goto(refundUrl);
    await finance.getByRole('button', { name: w.approve, exact: true }).click();
    const dialog = finance.getByRole('dialog');
    await expect(dialog).toBeVisible();
    // The dialog restates what is about to move.
    await expect(dialog).toContainText(cast.shown);
    await dialog.getByRole('button', { name: w.approve, exact: true }).click();

    // The fake operator completes it; both people see it without reloading.
    await expect(refundStatus(finance, w.completed)).toBeVisible({ timeout: 30_000 });
    await expect(refundStatus(operations, w.completed)).toBeVisible({ timeout: 30_000 });
    await operations.goto(purchaseUrl);
    expect(await refundable(operations, lang)).not.toEqual(before);
  });

  test(`${lang}: nobody approves their own refund, and a rejection needs a reason`, async ({ browser }) => {
    const admin = await person(browser, lang, cast.self);
    await admin.goto('/purchases?status=completed&sort=oldest');
    await admin.getByRole('table').getByRole('link').nth(1).click();
    await admin.getByRole('button', { name: w.createRefund }).click();
    await admin.getByLabel(w.amount).fill(cast.selfSmall);
    await admin.getByRole('button', { name: w.ask }).click();
    await expect(admin).toHaveURL(/\/refunds\/[^/]+$/);
    // An administrator may approve refunds, but not this one: they asked for it.
    await expect(admin.getByText(w.ownRequest)).toBeVisible();
    await expect(admin.getByRole('button', { name: w.approve, exact: true })).toHaveCount(0);
    const refundUrl = admin.url();

    const finance = await person(browser, lang, cast.rejecter);
    await finance.goto(refundUrl);
    await finance.getByRole('button', { name: w.reject, exact: true }).click();
    const dialog = finance.getByRole('dialog');
    await dialog.getByRole('button', { name: w.reject, exact: true }).click();
    await expect(dialog.getByText(w.required, { exact: true })).toBeVisible();
    await dialog.getByLabel(w.rejectReason).fill('Already refunded in cash.');
    await dialog.getByRole('button', { name: w.reject, exact: true }).click();
    await expect(refundStatus(finance, w.rejected)).toBeVisible();
  });

  test(`${lang}: the purchases list filters by status and date, and its address reproduces the view`, async ({ page, browser }) => {
    const viewer = await person(browser, lang, cast.viewer);
    await viewer.getByRole('link', { name: w.purchases, exact: true }).click();
    await expect(viewer.getByText(w.count)).toBeVisible();
    // Two filters changed faster than the server answers, the first answer the slower: the
    // list ends on the view of both, never on the first one's.
    await viewer.route('**/api/v1/purchases?*', async (route) => {
      const url = route.request().url();
      if (url.includes('status=cancelled') && !url.includes('from=')) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await viewer.getByLabel(w.status).selectOption({ label: w.cancelled });
    await viewer.getByLabel(w.period).selectOption({ label: w.last7 });
    await expect(viewer).toHaveURL(/status=cancelled/);
    await expect(viewer).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
    const rows = viewer.getByRole('table').getByRole('row');
    await expect(rows.nth(1)).toContainText(w.cancelled);
    const url = viewer.url();
    // The same address in another browser shows the same view.
    const other = await person(browser, lang, cast.other);
    await other.goto(url);
    await expect(other.getByLabel(w.status)).toHaveValue('cancelled');
    // The view the address gives shows as many matches as the one it was copied from (once
    // that one has read its last answer).
    const count = (await other.getByText(w.count).textContent())!;
    await expect(viewer.getByText(w.count)).toHaveText(count);
    void page;
  });
}
