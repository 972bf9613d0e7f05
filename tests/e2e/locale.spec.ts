import { test, expect, signIn } from './fixtures';

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('a French browser gets French, and the language chosen survives a reload', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();

    await signIn(page, 'admin@paris-shop.demo');
    await expect(page.getByRole('link', { name: 'Utilisateurs' })).toBeVisible();
    await page.getByLabel('Langue').selectOption({ label: 'English' });
    await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test('keyboard only: the log-in form can be filled and sent without a mouse', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/^e-?mail/i).focus();
  await page.keyboard.type('support@abidjan-shop.demo');
  await page.keyboard.press('Tab');
  await page.keyboard.type(process.env.GUICHET_DEMO_PASSWORD ?? '');
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/\/login/);
  // Focus goes to the page heading after navigation, for screen readers.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});
