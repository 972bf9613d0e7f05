import { test, expect, signIn, password } from './fixtures';
import type { Browser, Page } from '@playwright/test';

/** The words of each language these journeys read. */
const words = {
  en: {
    payouts: 'Payouts', balances: 'Balances', request: 'Request a payout', dialog: 'Request a payout',
    amount: 'Amount', to: 'To the account', review: 'Review the request', check: 'Check the payout before you confirm it',
    confirm: 'Confirm the payout', rule: /24 business hours/, requested: /^Payout of .* requested, expected by /,
    awaiting: 'Awaiting approval', paid: 'Paid', cancelRequest: /^Cancel the payout request /, approve: /^Approve the payout /,
    approveTitle: 'Approve this payout?', approveButton: 'Approve', exceeds: 'More than the available balance.',
    addAccount: 'Add an account', kind: 'Kind of account', wallet: 'Mobile-money wallet', name: 'Name',
    walletNumber: 'Wallet number', ask: 'Ask for approval', pending: /Pending: no payout goes to it until a second person approves it/,
    active: 'Active', toApprove: 'To approve', approveAccount: /^Approve the account /,
    approveAccountTitle: 'Approve this payout account?', noAccountWaits: 'No payout account waits for your decision.',
  },
  fr: {
    payouts: 'Reversements', balances: 'Soldes', request: 'Demander un paiement', dialog: 'Demander un paiement',
    amount: 'Montant', to: 'Vers le compte', review: 'Vérifier la demande', check: 'Vérifiez le reversement avant de le confirmer',
    confirm: 'Confirmer le reversement', rule: /24 heures ouvrables/, requested: /^Reversement de .* demandé, attendu d'ici le /,
    awaiting: "En attente d'approbation", paid: 'Payé', cancelRequest: /^Annuler la demande de reversement /, approve: /^Approuver le reversement /,
    approveTitle: 'Approuver ce reversement ?', approveButton: 'Approuver', exceeds: "C'est plus que le solde disponible.",
    addAccount: 'Ajouter un compte', kind: 'Type de compte', wallet: 'Portefeuille mobile money', name: 'Nom',
    walletNumber: 'Numéro du portefeuille', ask: "Demander l'approbation", pending: /En attente : aucun reversement n'y va tant qu'une seconde personne ne l'a pas approuvé/,
    active: 'Actif', toApprove: 'À approuver', approveAccount: /^Approuver le compte /,
    approveAccountTitle: 'Approuver ce compte de reversement ?', noAccountWaits: "Aucun compte de reversement n'attend votre décision.",
  },
};

type Lang = keyof typeof words;

async function person(browser: Browser, lang: Lang, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** The headers of a mutation by the person signed in on `page`. */
async function mutation(page: Page) {
  const me = await (await page.request.get('/api/v1/me')).json();
  return { 'X-CSRF-Token': me.csrf_token, 'Idempotency-Key': crypto.randomUUID() };
}

/** The merchant's active payout account: the demo's, or else one `asker` asks for and `approver`
 * approves through the API (the four-eyes rule holds either way). */
async function activeAccount(asker: Page, approver: Page, iban: string) {
  const accounts = await (await asker.request.get('/api/v1/payout-accounts')).json();
  const active = accounts.find((a: { status: string }) => a.status === 'active');
  if (active) return active;
  const asked = await asker.request.post('/api/v1/payout-accounts', {
    headers: await mutation(asker),
    data: { kind: 'bank', label: 'Compte principal', number: iban },
  });
  expect(asked.status(), await asked.text()).toBe(201);
  const { id } = await asked.json();
  const approved = await approver.request.post(`/api/v1/payout-accounts/${id}/approve`, { headers: await mutation(approver) });
  expect(approved.status(), await approved.text()).toBe(200);
  return approved.json();
}

/** What the API says of the main and the available balance, in minor units. */
async function balances(page: Page): Promise<{ main: number; available: number }> {
  const read = await (await page.request.get('/api/v1/payouts/available')).json();
  return { main: read.main.amount_minor, available: read.available.amount_minor };
}

/** The payouts table's rows that show `amount`. */
function payoutRow(page: Page, amount: string | RegExp) {
  return page.getByRole('table').getByRole('row').filter({ hasText: amount });
}

test('en: Operations requests a payout to the active account, another person approves it, it is paid and the main balance drops by it', async ({ browser }) => {
  const w = words.en;
  const operations = await person(browser, 'en', 'operations@paris-shop.demo');
  // finance@paris-shop.demo is the log-in tests' account for repeated failures (it then needs a
  // mailed code): Paris Shop's approver here is its administrator.
  const approver = await person(browser, 'en', 'admin@paris-shop.demo');
  const account = await activeAccount(operations, approver, 'FR76 3000 6000 0112 3456 7890 189');
  const before = await balances(operations);
  expect(before.available).toBeGreaterThan(123);

  // « Request a payout » from the main balance's card opens the request at once.
  await operations.getByRole('link', { name: w.balances, exact: true }).click();
  await operations.getByRole('link', { name: w.request, exact: true }).click();
  const dialog = operations.getByRole('dialog', { name: w.dialog });
  await expect(dialog).toBeVisible();
  await expect(operations.getByRole('heading', { level: 1, name: w.payouts })).toBeVisible();
  const accounts = dialog.getByLabel(w.to);
  if ((await accounts.inputValue()) === '') await accounts.selectOption(account.id);
  await dialog.getByLabel(w.amount, { exact: true }).fill('1.23');
  await dialog.getByRole('button', { name: w.review }).click();

  // The review restates it and says when it is expected, before anything is asked.
  await expect(dialog.getByRole('heading', { name: w.check })).toBeFocused();
  await expect(dialog).toContainText('€1.23');
  await expect(dialog).toContainText(account.masked);
  await expect(dialog).toContainText(w.rule);
  await dialog.getByRole('button', { name: w.confirm }).click();
  await expect(dialog).toBeHidden();
  await expect(operations.getByRole('status').getByText(w.requested)).toBeVisible();
  const mine = payoutRow(operations, '€1.23').first();
  await expect(mine).toContainText(w.awaiting);
  // The requester may withdraw it, not approve it.
  await expect(mine.getByRole('button', { name: w.cancelRequest })).toBeVisible();
  await expect(mine.getByRole('button', { name: w.approve })).toHaveCount(0);
  expect((await balances(operations)).available).toBe(before.available - 123);

  // Another person approves it, after a dialog that restates it.
  await approver.getByRole('link', { name: w.payouts, exact: true }).click();
  const theirs = payoutRow(approver, '€1.23').first();
  await theirs.getByRole('button', { name: w.approve }).click();
  const confirm = approver.getByRole('dialog', { name: w.approveTitle });
  await expect(confirm).toContainText('€1.23');
  await confirm.getByRole('button', { name: w.approveButton, exact: true }).click();
  await expect(confirm).toBeHidden();

  // The payout runner sends it to the operator; both pages read it again on their own.
  await expect
    .poll(async () => (await mine.textContent()) ?? '', { timeout: 60_000 })
    .toContain(w.paid);
  // Said aloud too, as it moved without the requester.
  await expect(operations.getByTestId('announcer')).toContainText(/Payout of €1\.23 to .*: Paid\./);
  await expect(payoutRow(approver, '€1.23').first()).toContainText(w.paid, { timeout: 20_000 });
  await expect.poll(async () => (await balances(operations)).main, { timeout: 20_000 }).toBe(before.main - 123);
});

test('fr : Opérations ajoute un portefeuille, qui attend l’approbation d’une autre personne ; la Finance l’approuve depuis « À approuver »', async ({ browser }) => {
  const w = words.fr;
  const operations = await person(browser, 'fr', 'operations@abidjan-shop.demo');
  await operations.getByRole('link', { name: w.payouts, exact: true }).click();
  await expect(operations.getByRole('heading', { level: 1, name: w.payouts })).toBeVisible();

  // A name of its own, so that a run again on the same database finds this one.
  const label = `Wave Abidjan ${Date.now() % 100_000}`;
  await operations.getByRole('button', { name: w.addAccount }).click();
  const dialog = operations.getByRole('dialog');
  await dialog.getByLabel(w.kind).selectOption({ label: w.wallet });
  await dialog.getByLabel(w.name, { exact: true }).fill(label);
  await dialog.getByLabel(w.walletNumber).fill('+225 07 08 09 12 34');
  await dialog.getByRole('button', { name: w.ask }).click();
  await expect(dialog).toBeHidden();
  const card = operations.getByRole('listitem').filter({ has: operations.getByRole('heading', { name: label }) });
  await expect(card).toContainText('+225 07 •• •• 12 34');
  await expect(card).toContainText(w.pending);
  // Nobody approves their own: Operations does not approve at all.
  await expect(card.getByRole('button', { name: w.approveAccount })).toHaveCount(0);

  const finance = await person(browser, 'fr', 'finance@abidjan-shop.demo');
  await finance.getByRole('link', { name: new RegExp(`^${w.toApprove}`) }).click();
  const waiting = finance.getByRole('listitem').filter({ has: finance.getByRole('heading', { name: label }) });
  await waiting.getByRole('button', { name: w.approveAccount }).click();
  const confirm = finance.getByRole('dialog', { name: w.approveAccountTitle });
  await expect(confirm).toContainText('+225 07 •• •• 12 34');
  await confirm.getByRole('button', { name: w.approveButton, exact: true }).click();
  await expect(waiting).toHaveCount(0);

  // The requester's page reads it again on its own: the account is active.
  await expect(card).toContainText(w.active, { timeout: 20_000 });
  await expect(card).not.toContainText(w.pending);
});

test('fr : un montant au-delà du solde disponible est refusé dans le navigateur, sans rien perdre ni rien envoyer', async ({ browser }) => {
  const w = words.fr;
  const operations = await person(browser, 'fr', 'operations@abidjan-shop.demo');
  const approver = await person(browser, 'fr', 'finance@abidjan-shop.demo');
  const account = await activeAccount(operations, approver, 'CI93 CI00 8011 1301 1342 9120 0589');
  const { available } = await balances(operations);
  const sent: string[] = [];
  operations.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/payouts') sent.push(r.url());
  });

  await operations.getByRole('link', { name: w.payouts, exact: true }).click();
  await operations.getByRole('button', { name: w.request }).click();
  const dialog = operations.getByRole('dialog', { name: w.dialog });
  const accounts = dialog.getByLabel(w.to);
  if ((await accounts.inputValue()) === '') await accounts.selectOption(account.id);
  const amount = dialog.getByLabel(w.amount, { exact: true });
  const tooMuch = String(available + 1);
  await amount.fill(tooMuch);
  // Said as it is typed, beside the field, which a screen reader hears with it.
  await expect(dialog.getByText(w.exceeds, { exact: true })).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: w.review }).click();
  await expect(dialog.getByText(w.exceeds, { exact: true })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: w.check })).toHaveCount(0);
  await expect(amount).toHaveValue(tooMuch);
  expect(sent).toEqual([]);
  // Fixed, it goes on to the review.
  await amount.fill('1000');
  await dialog.getByRole('button', { name: w.review }).click();
  await expect(dialog.getByRole('heading', { name: w.check })).toBeVisible();
  await expect(dialog).toContainText(w.rule);
  expect(sent).toEqual([]);
});

test.describe('phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });

  test('fr : sur un téléphone, ni les reversements, ni « À approuver », ni la demande ne défilent de côté', async ({ page, browser }) => {
    const w = words.fr;
    const wide = async (path: string) => {
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      expect(scroll, `${path} is ${scroll - inner} px too wide`).toBeLessThanOrEqual(inner);
    };
    await signIn(page, 'admin@abidjan-shop.demo');
    await activeAccount(page, await person(browser, 'fr', 'finance@abidjan-shop.demo'), 'CI93 CI00 8011 1301 1342 9120 0589');
    for (const [path, heading] of [['/payouts', w.payouts], ['/refunds/to-approve', w.toApprove]]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await wide(path);
    }
    await page.goto('/payouts');
    await page.getByRole('button', { name: w.request }).click();
    const dialog = page.getByRole('dialog', { name: w.dialog });
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  });
});
