import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** What the merchant's code sees of a key: `GET /api-keys/current` with it. */
async function presented(page: Page, secret: string) {
  const r = await page.request.get('/api/v1/api-keys/current', {
    headers: { Authorization: `Bearer ${secret}` },
  });
  return { status: r.status(), body: r.ok() ? await r.json() : null };
}

test.describe('en', () => {
  test.use({ locale: 'en-GB', permissions: ['clipboard-read', 'clipboard-write'] });

  test('en: a developer creates a key with the two delegated permissions, copies and saves it once, never sees it again, and revokes it', async ({ page }) => {
    await signIn(page, 'developer@paris-shop.demo');
    await page.getByRole('link', { name: 'Developers', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Developers' })).toBeVisible();

    await page.getByRole('button', { name: 'Create a key' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API key' });
    await form.getByLabel('Name', { exact: true }).fill('Online shop');
    await form.getByLabel('Environment').selectOption({ label: 'Production' });
    await form.getByRole('checkbox', { name: 'Delegated payments' }).check();
    await form.getByRole('checkbox', { name: 'Delegated transfers' }).check();
    await form.getByRole('button', { name: 'Create the key' }).click();

    // Shown once: to copy, or to save as a file.
    const shown = page.getByRole('dialog', { name: 'Your new key: Online shop' });
    const secret = (await shown.locator('code').innerText()).trim();
    expect(secret).toMatch(/^sprod_[A-Za-z0-9]{32}$/);
    await shown.getByRole('button', { name: 'Copy the key' }).click();
    await expect(shown.getByRole('button', { name: 'Copy the key' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const downloading = page.waitForEvent('download');
    await shown.getByRole('button', { name: 'Download as a file' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('guichet-api-key-online-shop.txt');
    expect((await readFile((await download.path())!)).toString('utf8').trim()).toBe(secret);
    await shown.getByRole('button', { name: 'I have saved the key' }).click();
    await expect(shown).toBeHidden();

    // The list names it by its fingerprint; the secret is gone, even after a reload.
    const row = page.getByRole('row').filter({ hasText: 'Online shop' });
    await expect(row).toContainText(`sprod_...${secret.slice(-4)}`);
    await expect(row).toContainText('Delegated payments, Delegated transfers');
    await expect(row).toContainText('Never');
    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: 'Online shop' })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // The key works, with exactly its permissions.
    const me = await presented(page, secret);
    expect(me.status).toBe(200);
    expect(me.body.scopes).toEqual(['Api.delegated_payment_create', 'Api.delegated_transfer_create']);

    // Filing a ticket about it, the wizard offers it by name and fingerprint.
    await page.goto('/tickets/new');
    await page.getByRole('radio', { name: /^Bug/ }).check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: `Online shop · sprod_...${secret.slice(-4)}` }).click();
    await expect(page.getByTestId('api-key-fingerprint')).toHaveText(`sprod_...${secret.slice(-4)}`);
    await page.goto('/developers');

    // Revoked: the dialog says what stops; the key is refused at once.
    await page.getByRole('button', { name: 'Revoke the key Online shop' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke the key Online shop?' });
    await expect(revoke).toContainText(`sprod_...${secret.slice(-4)}`);
    await expect(revoke.getByRole('listitem')).toHaveText(['Delegated payments', 'Delegated transfers']);
    await revoke.getByRole('button', { name: 'Revoke the key' }).click();
    await expect(revoke).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: 'Online shop' })).toContainText('Revoked');
    expect((await presented(page, secret)).status).toBe(401);
  });
});

test.describe('fr', () => {
  test.use({ locale: 'fr-FR' });

  test("fr : une clé sans permission est refusée sans rien perdre ; créée, puis renouvelée avec une heure de chevauchement, l'ancienne et la nouvelle fonctionnent", async ({ page }) => {
    await signIn(page, 'developer@abidjan-shop.demo');
    await page.getByRole('link', { name: 'Développeurs', exact: true }).click();
    await page.getByRole('button', { name: 'Créer une clé' }).click();
    const form = page.getByRole('dialog', { name: 'Créer une clé API' });
    const name = `Export comptable ${Date.now()}`;
    await form.getByLabel('Nom', { exact: true }).fill(name);
    await form.getByRole('button', { name: 'Créer la clé' }).click();
    await expect(form.getByText('Choisissez au moins une permission.')).toBeVisible();
    await expect(form.getByLabel('Nom', { exact: true })).toHaveValue(name);
    await form.getByRole('checkbox', { name: 'Lire les achats' }).check();
    await form.getByRole('button', { name: 'Créer la clé' }).click();
    const shown = page.getByRole('dialog', { name: `Votre nouvelle clé : ${name}` });
    const first = (await shown.locator('code').innerText()).trim();
    expect(first).toMatch(/^stest_[A-Za-z0-9]{32}$/);
    await shown.getByRole('button', { name: /^J.ai enregistré la clé$/ }).click();

    await page.getByRole('button', { name: `Renouveler la clé ${name}` }).click();
    const roll = page.getByRole('dialog', { name: `Renouveler la clé ${name} ?` });
    await roll.getByLabel("L'ancienne clé reste active pendant".replace("'", '’')).selectOption({ label: '1 heure' });
    await roll.getByRole('button', { name: 'Renouveler la clé' }).click();
    const again = page.getByRole('dialog', { name: `Votre nouvelle clé : ${name}` });
    const second = (await again.locator('code').innerText()).trim();
    expect(second).toMatch(/^stest_[A-Za-z0-9]{32}$/);
    expect(second).not.toBe(first);
    await again.getByRole('button', { name: /^J.ai enregistré la clé$/ }).click();

    const rows = page.getByRole('row').filter({ hasText: name });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: first.slice(-4) })).toContainText('En remplacement');
    await expect(rows.filter({ hasText: second.slice(-4) })).toContainText('Active');
    expect((await presented(page, first)).status).toBe(200);
    expect((await presented(page, second)).status).toBe(200);
  });
});

test('a role that does not manage keys has no Developers page', async ({ page }) => {
  await signIn(page, 'finance@abidjan-shop.demo');
  await expect(page.getByRole('link', { name: 'Purchases', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Developers', exact: true })).toHaveCount(0);
  expect((await page.request.get('/api/v1/api-keys')).status()).toBe(403);
});

test.describe('phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });

  test('fr: on a phone the keys and the new key dialog do not scroll sideways', async ({ page }) => {
    await signIn(page, 'admin@abidjan-shop.demo');
    await page.goto('/developers');
    await page.getByRole('button', { name: 'Créer une clé' }).click();
    const form = page.getByRole('dialog', { name: 'Créer une clé API' });
    await form.getByLabel('Nom', { exact: true }).fill('Téléphone');
    await form.getByRole('checkbox', { name: 'Lire les remboursements' }).check();
    await form.getByRole('button', { name: 'Créer la clé' }).click();
    const shown = page.getByRole('dialog', { name: 'Votre nouvelle clé : Téléphone' });
    await expect(shown.locator('code')).toHaveText(/^stest_/);
    const wider = () => page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('.gu-table, dialog')]
        .filter((el) => el.scrollWidth > el.clientWidth)
        .map((el) => `${el.className || el.tagName}: ${el.scrollWidth - el.clientWidth} px`));
    expect(await wider()).toEqual([]);
    await shown.getByRole('button', { name: /^J.ai enregistré la clé$/ }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Téléphone' })).toBeVisible();
    expect(await wider()).toEqual([]);
  });
});
