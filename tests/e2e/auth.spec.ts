import { test, expect, submitSignIn, signOut, password } from './fixtures';

test.use({ expectedConsoleErrors: [/the server responded with a status of (401|422)/] });

test('a wrong password is refused with a reason and the request id, then the right one signs in', async ({ page }) => {
  await submitSignIn(page, 'admin@abidjan-shop.demo', 'not-the-password');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/e-mail or password|e-mail ou mot de passe/i);
  await expect(alert).toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  // What the user typed is still there.
  await expect(page.getByLabel(/^(e-?mail|adresse e-mail)/i)).toHaveValue('admin@abidjan-shop.demo');

  await page.getByLabel(/^(password|mot de passe)/i).fill(password);
  await page.getByRole('button', { name: /^(sign in|se connecter)$/i }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Abidjan Shop').first()).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);

  await signOut(page);
  // Signed out means signed out: the API refuses the old session.
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
});

test('after repeated failures the form asks for the code e-mailed to the owner, and keeps what was typed', async ({ page }) => {
  const email = 'finance@paris-shop.demo';
  // Ten failures from ten addresses (as a proxy reports them): none is slowed down on its own,
  // but the account now needs the code.
  for (let i = 1; i <= 10; i++) {
    const r = await page.request.post('/api/v1/auth/login', {
      data: { email, password: 'a wrong guess' },
      headers: { 'x-forwarded-for': `198.51.100.${i}` },
    });
    expect(r.status()).toBe(401);
  }
  await submitSignIn(page, email, password);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/code/i);
  await expect(alert).toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  const code = page.getByLabel(/^(code from the e-mail|code reçu par e-mail)/i);
  await expect(code).toBeVisible();
  // Without the code, the form says so before anything is sent.
  await page.getByRole('button', { name: /^(sign in|se connecter)$/i }).click();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  // A wrong code is refused like a wrong password; nothing typed is lost.
  await code.fill('000000');
  await page.getByRole('button', { name: /^(sign in|se connecter)$/i }).click();
  await expect(alert).toContainText(/e-mail or password|e-mail ou mot de passe/i);
  await expect(page.getByLabel(/^(e-?mail|adresse e-mail)/i)).toHaveValue(email);
  await expect(code).toHaveValue('000000');
  await expect(page).toHaveURL(/\/login/);
});

test('the server sends a strict content security policy', async ({ page }) => {
  const response = await page.goto('/login');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  expect(response?.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('« Forgot your password? » sends a link, and a spent or unknown link says to ask again', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
  const email = page.getByLabel('E-mail address');
  // Checked in the browser first, and nothing typed is lost.
  await email.fill('not an address');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveValue('not an address');
  // Any address gets the same answer: nobody learns which have an account.
  await email.fill('nobody@abidjan-shop.demo');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'If an account uses nobody@abidjan-shop.demo, a link is on its way.' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Guichet' })).toBeVisible();

  // The link's page without its token, then with one that works no more.
  await page.goto('/login/reset');
  await expect(page.getByText('This page opens from the link in the e-mail we sent you.')).toBeVisible();
  // A link opens a fresh page (going from the page above would only change its fragment).
  await page.goto('/login');
  await page.goto('/login/reset#token=spent-or-unknown');
  await page.getByLabel('New password', { exact: true }).fill('a long new passphrase');
  await page.getByLabel('Confirm the new password').fill('a long new passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByText('This link has expired or was already used: ask for a new one.')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await page.getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
});
