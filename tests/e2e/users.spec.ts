import { test, expect, signIn, signOut } from './fixtures';

test('an administrator creates a user, who signs in and must change the password', async ({ page }) => {
  await signIn(page, 'admin@abidjan-shop.demo');
  await page.getByRole('link', { name: /^(users|utilisateurs)$/i }).click();
  await expect(page.getByRole('heading', { level: 1, name: /users|utilisateurs/i })).toBeVisible();
  await page.getByRole('link', { name: /new user|add a user|nouvel utilisateur|ajouter/i }).click();

  const email = `mariam.${Date.now()}@abidjan-shop.demo`;
  await page.getByLabel(/^(e-?mail|adresse e-mail)/i).fill(email);
  await page.getByLabel(/^(full name|name|nom)/i).fill('Mariam Traoré');
  await page.getByRole('checkbox', { name: /^finance/i }).check();
  await page.getByRole('button', { name: /^(create|créer)/i }).click();

  const oneTime = page.getByTestId('one-time-password');
  await expect(oneTime).toBeVisible();
  await expect(page.getByRole('status').getByText(`Account created for ${email}`)).toBeVisible();
  const otp = (await oneTime.textContent())!.trim();
  expect(otp.length).toBeGreaterThanOrEqual(12);

  await page.getByRole('link', { name: /^(users|utilisateurs)$/i }).click();
  await expect(page.getByRole('cell', { name: email })).toBeVisible();
  await signOut(page);

  await signIn(page, email, otp);
  await expect(page).toHaveURL(/\/password/);
  await page.getByLabel(/^(current password|mot de passe actuel)/i).fill(otp);
  await page.getByLabel(/^(new password|nouveau mot de passe)/i).fill('a long new passphrase 2026');
  await page.getByLabel(/^(confirm|confirmez|confirmer)/i).fill('a long new passphrase 2026');
  await page.getByRole('button', { name: /change|changer|modifier/i }).click();
  await expect(page).not.toHaveURL(/\/password/);
  await expect(page.getByRole('status').getByText('Your password has been changed.')).toBeVisible();
  // Finance sees no user management.
  await expect(page.getByRole('link', { name: /^(users|utilisateurs)$/i })).toHaveCount(0);
});

test('a viewer sees no user management and the API refuses it', async ({ page }) => {
  await signIn(page, 'viewer@abidjan-shop.demo');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /^(users|utilisateurs)$/i })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /audit/i })).toHaveCount(0);
  const users = await page.request.get('/api/v1/users');
  expect(users.status()).toBe(403);
  expect((await users.json()).error.code).toBe('forbidden');
});

test('every page of an administrator renders without console errors', async ({ page }) => {
  await signIn(page, 'admin@abidjan-shop.demo');
  for (const path of ['/', '/users', '/users/new', '/roles', '/audit', '/no-such-page']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/not found|introuvable/i);
});
