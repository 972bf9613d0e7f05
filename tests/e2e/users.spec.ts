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

test('an administrator finds a user, changes their roles in a dialog and deactivates them', async ({ page }) => {
  await signIn(page, 'admin@abidjan-shop.demo');
  await page.goto('/users/new');
  const email = `ibrahim.${Date.now()}@abidjan-shop.demo`;
  await page.getByLabel(/^(e-?mail|adresse e-mail)/i).fill(email);
  await page.getByLabel(/^(full name|name|nom)/i).fill('Ibrahim Koné');
  await page.getByRole('checkbox', { name: /^viewer/i }).check();
  await page.getByRole('button', { name: /^(create|créer)/i }).click();
  await expect(page.getByTestId('one-time-password')).toBeVisible();

  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByLabel('Search by name or e-mail').fill(email);
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: /^1 account$/ })).toBeVisible();

  // The role editor opens over the page; Escape cancels it.
  await row.getByRole('button', { name: 'Change roles' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await row.getByRole('button', { name: 'Change roles' }).click();
  await dialog.getByRole('checkbox', { name: /^operations/i }).check();
  await dialog.getByRole('button', { name: 'Save the roles' }).click();
  await expect(page.getByRole('status').getByText('Roles of Ibrahim Koné saved.')).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Operations');

  // Deactivated users leave the default list; the status filter finds them.
  await row.getByRole('button', { name: 'Deactivate' }).click();
  await row.getByRole('button', { name: 'Yes, deactivate' }).click();
  await expect(page.getByRole('status').getByText('Ibrahim Koné has been deactivated.')).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.getByLabel('Show').selectOption({ label: 'Deactivated users' });
  await expect(row).toContainText('Deactivated');

  // The audit log filters by action and person, and names who did it.
  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Roles changed' });
  const entry = page.getByRole('row').filter({ hasText: email });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Roles changed');
  await expect(entry).toContainText('admin@abidjan-shop.demo');
  await expect(page.getByRole('row').filter({ hasText: 'Signed in' })).toHaveCount(0);
  await page.getByLabel('Person (name or e-mail)').fill('nobody such');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No entry matches these filters.')).toBeVisible();
});
