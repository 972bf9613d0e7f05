import { test, expect, signIn, signOut } from './fixtures';
import type { Page, Request } from '@playwright/test';
import { crc32 } from 'node:zlib';

// Fake but valid-shaped secrets: a Stancer production key, a Luhn-valid Visa test card, a
// bearer token. None of them may leave the browser.
const prodKey = 'sprod_4bV9kQz2mXw7LpR8tN3yQa7x';
const card = '4111 1111 1111 1111';
const bearer = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtZXJjaGFudCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const secrets = [prodKey, card, '4111111111111111', bearer];
const log = [
  '10:42:01 POST /airtime request_id=c39df0fb-a684-447c-9fbc-3f24c288f608',
  `10:42:01 Authorization: Bearer ${bearer}`,
  `10:42:01 body {"card_number": "${card}", "amount": 1000}`,
  '10:42:02 HTTP 500 Internal Server Error',
].join('\n');

/** Starts a draft and fills the Bug details; the subject makes the ticket findable. */
async function fillBug(page: Page, subject: string) {
  // With no draft to resume, the wizard opens at once.
  await page.goto('/tickets/new');
  // Focus starts on the step, a Tab away from the first choice.
  await expect(page.getByRole('heading', { level: 2, name: /^(category|catégorie)$/i })).toBeFocused();
  await page.getByRole('radio', { name: /^(bug|bogue)/i }).check();
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^(details|détails)$/i })).toBeFocused();

  await page.getByLabel(/^(subject|objet)$/i).fill(subject);
  await page.getByLabel(/^description$/i).fill(`Top-ups fail.\n${log}`);
  await expect(page.getByText(/secrets? (will be hidden|sera masqué|seront masqués)/i).first()).toBeVisible();
  await page.getByLabel(/^(api key used|clé api utilisée)$/i).fill(prodKey);
  await expect(page.getByTestId('api-key-fingerprint')).toHaveText('sprod_...Qa7x');
  // A production key gets calm advice, not an alarm.
  await expect(page.getByRole('status').filter({ hasText: /once the incident is over|une fois l'incident réglé/i })).toBeVisible();
  await page.getByLabel(/^(endpoint)$/i).fill('/airtime');
  await page.getByLabel(/^(environment|environnement)$/i).selectOption('production');
  await page.getByLabel(/^(day and time seen|jour et heure constatés)$/i).fill('2026-01-13T10:42');
  await page.getByLabel(/^(error message|message d'erreur)$/i).fill('Internal Server Error');
  await page.getByLabel(/^(steps to reproduce|étapes pour reproduire)$/i).fill('POST /airtime with 1000 XOF');
  await page.getByLabel(/^(client id|identifiant client) \(client_id\)$/i).fill('cli_4821');
  await expect(page.getByLabel(/^(device and browser|appareil et navigateur)$/i)).not.toHaveValue('');
}

/** Every body the page sends to the API, to check that no secret is in any of them. */
function recordBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on('request', (r: Request) => {
    if (r.url().includes('/api/v1/') && r.method() !== 'GET') bodies.push(r.postData() ?? '');
  });
  return bodies;
}

test('a merchant files a Bug: the review shows the findings and no secret leaves the browser', async ({ page }) => {
  const bodies = recordBodies(page);
  await signIn(page, 'support@abidjan-shop.demo');
  const subject = `Top-up failures ${Date.now()}`;
  await fillBug(page, subject);
  // The optional details are folded; the outage advice shows as soon as « 500 » is typed.
  await page.getByText(/^(more details|plus de détails)/i).click();
  await page.getByLabel(/^(http status|statut http)/i).fill('500');
  await expect(page.getByRole('status').filter({ hasText: /HTTP 500/ })).toBeVisible();
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();

  await page.getByLabel(/^(log and dump files|journaux et captures de requêtes)$/i).setInputFiles({
    name: 'airtime.log',
    mimeType: 'text/plain',
    buffer: Buffer.from(`${log}\nretry with ${prodKey}\n`),
  });
  await expect(page.getByText(/airtime\.log/).first()).toBeVisible();
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();

  // The review: each redaction highlighted, with its kind for screen readers too.
  const marks = page.locator('mark.gu-redacted');
  await expect(marks.first()).toBeVisible();
  await expect(page.locator('mark.gu-redacted', { hasText: /CARD#1/ }).first()).toBeVisible();
  await expect(page.locator('mark.gu-redacted', { hasText: /JWT|BEARER/ }).first()).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: /500/ })).toBeVisible();
  const review = await page.locator('.gu-wizard').innerText();
  for (const s of secrets) expect(review).not.toContain(s);

  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(send the ticket|envoyer le ticket)$/i }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  // Filing loads the ticket's page in the console (a page load: the answer's body is gone).
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split('/').pop();
  const ticket = await (await page.request.get(`/api/v1/tickets/${id}`)).json();
  expect(ticket.ticket.number).toMatch(/^EFB-SUPPORT-\d{8}-\d{3,}$/);
  expect(ticket.attachments).toHaveLength(1);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ticket.ticket.number);

  // What left the browser: the upload and the ticket, with placeholders and ids, no secret.
  expect(bodies.length).toBeGreaterThanOrEqual(2);
  const sent = bodies.join('\n');
  for (const s of secrets) expect(sent).not.toContain(s);
  expect(sent).toContain('c39df0fb-a684-447c-9fbc-3f24c288f608');
  expect(sent).toContain('sprod_...Qa7x');
});

test('a secret typed into a structured field never leaves the browser', async ({ page }) => {
  const bodies = recordBodies(page);
  await signIn(page, 'support@abidjan-shop.demo');
  const subject = `Structured secrets ${Date.now()}`;
  await fillBug(page, subject);
  const token = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
  // A token in the endpoint's query, a live secret key where the client id goes: each is
  // named as a secret, refused with the reason, and never kept.
  await page.getByLabel(/^(endpoint)$/i).fill(`/airtime?access_token=${token}`);
  await page.getByLabel(/^(client id|identifiant client) \(client_id\)$/i).fill(prodKey);
  await expect(page.getByText(/secrets? will be hidden/i)).toHaveCount(3);
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  await expect(page.getByText(/this holds a secret/i)).toHaveCount(2);
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).not.toContain(token);
  expect(stored).not.toContain(prodKey);

  await page.getByLabel(/^(endpoint)$/i).fill('/airtime');
  await page.getByLabel(/^(client id|identifiant client) \(client_id\)$/i).fill('cli_4821');
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  const review = await page.locator('.gu-wizard').innerText();
  expect(review).not.toContain(token);
  // The environment is named, not shown as its code.
  await expect(page.locator('.gu-review')).toContainText('Production');

  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(send the ticket|envoyer le ticket)$/i }).click();
  expect((await created).status()).toBe(201);
  await expectTicketPage(page);
  const sent = bodies.join('\n');
  expect(sent).not.toContain(token);
  expect(sent).not.toContain(prodKey);
});

/** Filing loads the ticket's page in the console: a page load, awaited before the test ends so
 * that the browser is never closed in the middle of it. */
async function expectTicketPage(page: Page) {
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/EFB-SUPPORT-\d{8}-\d+/);
  // The wizard's notice is carried over the page load.
  await expect(page.getByRole('status').getByText(/^Ticket EFB-SUPPORT-\d{8}-\d+ (sent|envoyé)\.$/)).toBeVisible();
}

/** Everything the page keeps in IndexedDB's draft files (UTF-8 bytes), as one string. */
async function storedFiles(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('guichet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('draft_files').objectStore('draft_files').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as Uint8Array[]).map((b) => new TextDecoder().decode(b)).join('\n'));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

test('a draft survives a reload, holding only redacted text', async ({ page }) => {
  await signIn(page, 'support@abidjan-shop.demo');
  const subject = `Draft ${Date.now()}`;
  await fillBug(page, subject);
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  for (const s of secrets) expect(stored).not.toContain(s);

  await page.reload();
  await expect(page.getByLabel(/^(subject|objet)$/i)).toHaveValue(subject);
  await expect(page.getByLabel(/^description$/i)).toHaveValue(/\[CARD#1/);
  await expect(page.getByTestId('api-key-fingerprint')).toHaveText('sprod_...Qa7x');

  // A 3 MiB log: cleaned in pieces with a progress bar, kept in IndexedDB, not in the
  // localStorage that every keystroke rewrites, and still there after a reload.
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  const big = `${log}\n`.repeat(Math.ceil((3 << 20) / (log.length + 1)));
  await page.getByLabel(/^(log and dump files|journaux et captures de requêtes)$/i).setInputFiles({
    name: 'big-airtime.log',
    mimeType: 'text/plain',
    buffer: Buffer.from(big),
  });
  await expect(page.getByRole('button', { name: /^(remove|retirer) big-airtime\.log$/i })).toBeVisible();
  const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(local.length).toBeLessThan(64 * 1024);
  const files = await storedFiles(page);
  expect(files).toContain('request_id=c39df0fb-a684-447c-9fbc-3f24c288f608');
  for (const s of secrets) expect(files).not.toContain(s);
  await page.reload();
  await expect(page.getByRole('button', { name: /^(remove|retirer) big-airtime\.log$/i })).toBeVisible();
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  await expect(page.locator('pre.gu-review__text').first()).toContainText('c39df0fb-a684-447c-9fbc-3f24c288f608');

  // The list of drafts offers it again.
  await page.goto('/tickets/new');
  await expect(page.getByRole('link', { name: new RegExp(subject) })).toBeVisible();
});

test('a Next clicked while a large log is still being cleaned goes on once it is done', async ({ page }) => {
  await signIn(page, 'support@abidjan-shop.demo');
  await fillBug(page, `Impatient ${Date.now()}`);
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  const big = `${log}\n`.repeat(Math.ceil((4 << 20) / (log.length + 1)));
  await page.getByLabel(/^(log and dump files|journaux et captures de requêtes)$/i).setInputFiles({
    name: 'impatient.log',
    mimeType: 'text/plain',
    buffer: Buffer.from(big),
  });
  // At once, while the file is read and cleaned: the click is kept, not lost.
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
  await expect(page.locator('pre.gu-review__text').first()).toContainText('c39df0fb-a684-447c-9fbc-3f24c288f608');
});

test.describe('a retried submit', () => {
  // The first answer is lost on the way back, as on a flaky network.
  test.use({ expectedConsoleErrors: [/ERR_FAILED|Failed to load resource/] });

  test('files one ticket', async ({ page }) => {
    await signIn(page, 'support@abidjan-shop.demo');
    const subject = `Once only ${Date.now()}`;
    await fillBug(page, subject);
    await page.getByRole('button', { name: /^(next|suivant)$/i }).click();
    await page.getByRole('button', { name: /^(next|suivant)$/i }).click();

    let lost = false;
    await page.route('**/api/v1/tickets', async (route) => {
      if (route.request().method() === 'POST' && !lost) {
        lost = true;
        await route.fetch();
        await route.abort('failed');
      } else {
        await route.continue();
      }
    });
    const send = page.getByRole('button', { name: /^(send the ticket|envoyer le ticket)$/i });
    await send.click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await send.click();
    await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);

    const found = await page.request.get(`/api/v1/tickets?q=${encodeURIComponent(subject)}`);
    expect((await found.json()).items).toHaveLength(1);
  });
});

/** A real PNG (a screenshot of the page) with a text chunk carrying a location, as a phone
 * camera or a screenshot tool might write. */
async function pngWithLocation(page: Page): Promise<Buffer> {
  const png = await page.screenshot();
  const data = Buffer.from('Comment\0GPSLatitude 5.3600 GPSLongitude -4.0083');
  const type = Buffer.from('tEXt');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  // After the signature (8 bytes) and IHDR (4 + 4 + 13 + 4 bytes).
  const at = 8 + 25;
  return Buffer.concat([png.subarray(0, at), len, type, data, crc, png.subarray(at)]);
}

test('a screenshot is covered and re-drawn: neither its metadata nor the original is sent', async ({ page }) => {
  await signIn(page, 'support@abidjan-shop.demo');
  const original = await pngWithLocation(page);
  const uploads: Buffer[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/attachments') && r.method() === 'POST') uploads.push(r.postDataBuffer() ?? Buffer.alloc(0));
  });
  await fillBug(page, `Screenshot ${Date.now()}`);
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();

  await page.getByLabel(/^(screenshots|captures d'écran)$/i).setInputFiles({
    name: 'balance.png',
    mimeType: 'image/png',
    buffer: original,
  });
  await expect(page.getByRole('img', { name: /0 region|0 zone/i })).toBeVisible();
  // The keyboard way: cover the top-left quarter by percentages.
  await page.getByLabel(/^(from the left|depuis la gauche)/i).fill('0');
  await page.getByLabel(/^(from the top|depuis le haut)/i).fill('0');
  await page.getByLabel(/^(width|largeur)/i).fill('50');
  await page.getByLabel(/^(height|hauteur)/i).fill('50');
  await page.getByRole('button', { name: /^(cover this region|masquer cette zone)$/i }).click();
  await expect(page.getByRole('img', { name: /1 region|1 zone/i })).toBeVisible();
  await page.getByRole('button', { name: /^(attach the covered image|joindre l'image masquée)$/i }).click();
  await expect(page.getByText(/balance\.png/).first()).toBeVisible();
  await page.getByRole('button', { name: /^(next|suivant)$/i }).click();

  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(send the ticket|envoyer le ticket)$/i }).click();
  expect((await created).status()).toBe(201);
  await expectTicketPage(page);
  expect(uploads).toHaveLength(1);
  const sent = uploads[0];
  expect(sent.subarray(1, 4).toString()).toBe('PNG');
  expect(sent.includes(Buffer.from('GPSLatitude'))).toBe(false);
  expect(sent.equals(original)).toBe(false);
});

test.describe('en français', () => {
  test.use({ locale: 'fr-FR' });

  test("un marchand parisien remplit une question d'API et voit les erreurs en français", async ({ page }) => {
    await signIn(page, 'support@paris-shop.demo');
    await page.goto('/tickets/new');
    await expect(page.getByRole('button', { name: 'Commencer un nouveau ticket' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await expect(page.getByText('Choisissez le sujet du ticket.')).toBeVisible();
    await page.getByRole('radio', { name: /^Question sur l'API/ }).check();
    await page.getByRole('radio', { name: /^Critique/ }).check();
    await page.getByRole('button', { name: 'Suivant' }).click();

    await page.getByRole('button', { name: 'Suivant' }).click();
    await expect(page.getByText('Obligatoire.')).toHaveCount(2);
    // Each error goes as soon as its field is valid.
    await page.getByLabel('Objet', { exact: true }).fill('Relance de paiement');
    await expect(page.getByText('Obligatoire.')).toHaveCount(1);
    await page.getByLabel('Description', { exact: true }).fill(`Mot de passe : ${'Tr0ub4dor&3'} ; carte ${card}`);
    await expect(page.getByText('Obligatoire.')).toHaveCount(0);
    // Every field of an API question is optional: folded, with human names.
    await page.getByText('Plus de détails (facultatif)').click();
    const requestId = page.getByLabel('Identifiant de requête (X-Request-Id) (facultatif)');
    await requestId.fill('pas-un-uuid');
    await page.getByRole('button', { name: 'Suivant' }).click();
    await expect(page.getByText(/Saisissez un UUID/)).toBeVisible();
    await requestId.fill('c39df0fb-a684-447c-9fbc-3f24c288f608');
    await expect(page.getByText(/Saisissez un UUID/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('button', { name: 'Suivant' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Vérification' })).toBeVisible();
    const review = await page.locator('.gu-wizard').innerText();
    expect(review).not.toContain('Tr0ub4dor&3');
    expect(review).not.toContain(card);
    await expect(page.getByRole('button', { name: 'Envoyer le ticket' })).toBeVisible();
  });
});

/** The link the invoices page gives to « Question sur cette facture », for the signed-in
 * merchant's organisation and `invoice`: the wizard opened prefilled (see
 * src/features/wizard/prefill.rs). */
async function invoiceLink(page: Page, invoice: string, extra = ''): Promise<{ link: string; org: { id: string; name: string } }> {
  const org = (await (await page.request.get('/api/v1/me')).json()).organisation;
  const params = new URLSearchParams({
    category: 'billing',
    business_account: org.id,
    shop_name: org.name,
    invoice_number: invoice,
    transaction_date: '2026-11-28',
  });
  return { link: `/tickets/new?${params}${extra}`, org };
}

/** An invoice number no other run has used, so that the desk finds this ticket alone. */
function freshInvoice(): string {
  return `FAC-2026-${String(Date.now() % 1_000_000_000).padStart(9, '0')}`;
}

test('a billing question opened from an invoice: filled in, filed, and found by the desk', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'support@abidjan-shop.demo');
  const invoice = freshInvoice();
  const { link, org } = await invoiceLink(page, invoice, '&utm_source=invoices');
  await page.goto(link);
  // A new draft, at its details: the link leaves the address, so a reload resumes the draft.
  await expect(page).toHaveURL(/\/tickets\/new\?draft=[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Details' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /^Billing question: some details were filled in/ })).toBeVisible();
  await expect(page.getByLabel('Business account ID', { exact: true })).toHaveValue(org.id);
  await expect(page.getByLabel('Online shop name', { exact: true })).toHaveValue(org.name);
  await expect(page.getByLabel('Invoice number', { exact: true })).toHaveValue(invoice);
  await expect(page.getByLabel('Transaction date (optional)', { exact: true })).toHaveValue('2026-11-28');
  await expect(page.getByLabel('Subject', { exact: true })).toHaveValue(`Question about invoice ${invoice}`);
  // The navigation names the console's areas in words, not by their keys.
  await expect(page.getByRole('link', { name: 'Purchases', exact: true })).toBeVisible();
  await expect(page.getByText(/nav\.\w+/)).toHaveCount(0);
  // The category is chosen: one step back shows it.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('radio', { name: /^Billing question/ })).toBeChecked();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByLabel('Description', { exact: true }).fill('The fees of 28 November are counted twice.');

  // The link again, naming this draft: the draft is resumed as it is, the link's values ignored.
  await page.goto(`${page.url()}&category=bug&invoice_number=FAC-2026-000001`);
  await expect(page.getByLabel('Invoice number', { exact: true })).toHaveValue(invoice);
  await expect(page.getByLabel('Description', { exact: true })).toHaveValue('The fees of 28 November are counted twice.');

  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  const review = page.locator('.gu-review');
  await expect(review).toContainText(invoice);
  await expect(review).toContainText(/Nov 28, 2026|28 Nov 2026/);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Send the ticket', exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const sent = response.request().postDataJSON();
  expect(sent.category).toBe('billing');
  expect(sent.fields).toEqual({
    subject: `Question about invoice ${invoice}`,
    description: 'The fees of 28 November are counted twice.',
    business_account: org.id,
    shop_name: org.name,
    invoice_number: invoice,
    transaction_date: '2026-11-28',
  });
  await expectTicketPage(page);
  const number = (await page.getByRole('heading', { level: 1 }).innerText()).match(/EFB-SUPPORT-\d{8}-\w+/)![0];
  await signOut(page);

  // The desk: the queue filtered to billing questions, then the ticket with its fields named.
  await signIn(page, 'agent@easytransfert.demo');
  await page.goto('/desk');
  const filtered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('category') === 'billing');
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Billing question' });
  await filtered;
  const row = page.getByRole('row').filter({ hasText: invoice });
  await expect(row).toContainText('Billing question');
  await row.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  const fields = page.locator('.gu-ticket-fields');
  await expect(fields.locator('.gu-ticket-fields__item').filter({ hasText: 'Invoice number' })).toContainText(invoice);
  await expect(fields.locator('.gu-ticket-fields__item').filter({ hasText: 'Business account ID' })).toContainText(org.id);
  await expect(fields.locator('.gu-ticket-fields__item').filter({ hasText: 'Online shop name' })).toContainText(org.name);
  await expect(fields.locator('.gu-ticket-fields__item').filter({ hasText: 'Transaction date' })).toContainText(/Nov 28, 2026|28 Nov 2026/);
});

test.describe('une question de facturation en français', () => {
  test.use({ locale: 'fr-FR' });

  test("un marchand parisien ouvre le lien d'une facture, corrige le numéro et dépose sa question", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, 'support@paris-shop.demo');
    const invoice = freshInvoice();
    const { link, org } = await invoiceLink(page, invoice);
    // A value the field's check refuses is left out, the others still fill theirs.
    await page.goto(link.replace('transaction_date=2026-11-28', 'transaction_date=2999-01-01'));
    await expect(page.getByRole('status').filter({ hasText: /^Question de facturation : certains détails ont été remplis/ })).toBeVisible();
    await expect(page.getByLabel('Identifiant du compte business', { exact: true })).toHaveValue(org.id);
    await expect(page.getByLabel('Nom de la boutique en ligne', { exact: true })).toHaveValue('Paris Shop');
    await expect(page.getByLabel('Objet', { exact: true })).toHaveValue(`Question sur la facture ${invoice}`);
    await page.getByText('Plus de détails (facultatif)').click();
    await expect(page.getByLabel('Date de la transaction (facultatif)', { exact: true })).toHaveValue('');

    // Still checked like anything typed, in French.
    const number = page.getByLabel('Numéro de facture', { exact: true });
    await number.fill('');
    await page.getByLabel('Description', { exact: true }).fill('La TVA de novembre est comptée deux fois.');
    await page.getByRole('button', { name: 'Suivant', exact: true }).click();
    await expect(page.getByText('Obligatoire.')).toHaveCount(1);
    // Filled in wrong, the field says what is wrong now.
    await number.fill('facture de novembre');
    await expect(page.getByText('Obligatoire.')).toHaveCount(0);
    await expect(page.getByText('Saisissez le numéro imprimé sur la facture, p. ex. FAC-2026-000042.')).toBeVisible();
    await number.fill(invoice);
    await expect(page.getByText(/Saisissez le numéro imprimé/)).toHaveCount(0);
    await page.getByLabel('Date de la transaction (facultatif)', { exact: true }).fill('2026-11-28');
    await page.getByRole('button', { name: 'Suivant', exact: true }).click();
    await page.getByRole('button', { name: 'Suivant', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Vérification' })).toBeVisible();
    await expect(page.locator('.gu-review')).toContainText('Numéro de facture');
    await expect(page.locator('.gu-review')).toContainText('28 nov. 2026');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Envoyer le ticket', exact: true }).click();
    expect((await created).status()).toBe(201);
    await expectTicketPage(page);
    // The merchant's own page of the ticket names its category and fields in French.
    await expect(page.getByText('Question de facturation', { exact: true })).toBeVisible();
    const fields = page.locator('.gu-ticket-fields');
    await expect(fields.locator('.gu-ticket-fields__item').filter({ hasText: 'Numéro de facture' })).toContainText(invoice);
    await expect(fields.locator('.gu-ticket-fields__item').filter({ hasText: 'Date de la transaction' })).toContainText('28 nov. 2026');
    const ticketNumber = (await page.getByRole('heading', { level: 1 }).innerText()).match(/EFB-SUPPORT-\d{8}-\w+/)![0];
    await signOut(page);

    // The desk, in French too.
    await signIn(page, 'lead@easytransfert.demo');
    await page.getByLabel(/^(language|langue)$/i).selectOption({ label: 'Français' });
    await page.goto('/desk');
    const filtered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('category') === 'billing');
    await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: 'Question de facturation' });
    await filtered;
    await page.getByRole('row').filter({ hasText: invoice }).getByRole('link', { name: ticketNumber }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ticketNumber);
    await expect(page.locator('.gu-ticket-fields__item').filter({ hasText: 'Identifiant du compte business' })).toContainText(org.id);
    await expect(page.locator('.gu-ticket-fields__item').filter({ hasText: 'Nom de la boutique en ligne' })).toContainText('Paris Shop');
  });
});
