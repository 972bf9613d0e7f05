import { test as base, expect, type Page } from '@playwright/test';

export const password = process.env.GUICHET_DEMO_PASSWORD ?? '';

// Chrome reports every HTTP error answer of fetch() as a console error; those are expected
// (a 401 before log-in, a 403 in a permission test). Anything else (a CSP violation, a panic,
// a failed script) fails the test.
const expectedNoise = /Failed to load resource: the server responded with a status of 4\d\d/;

/** `page`, watched: the test fails on any console error or uncaught exception. */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !expectedNoise.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    expect(problems, 'console errors and uncaught exceptions').toEqual([]);
  },
});

export { expect };

/** Fills the log-in form and sends it, as a person would. */
export async function submitSignIn(page: Page, email: string, secret = password) {
  await page.goto('/login');
  await page.getByLabel(/^(e-?mail|adresse e-mail)/i).fill(email);
  await page.getByLabel(/^(password|mot de passe)/i).fill(secret);
  await page.getByRole('button', { name: /^(sign in|se connecter)$/i }).click();
}

/** Signs in and waits until the app has left the log-in page. */
export async function signIn(page: Page, email: string, secret = password) {
  await submitSignIn(page, email, secret);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^(sign out|se déconnecter)$/i }).click();
  await expect(page).toHaveURL(/\/login/);
}
