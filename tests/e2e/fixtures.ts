import { test as base, expect, type Page } from '@playwright/test';

export const password = process.env.GUICHET_DEMO_PASSWORD ?? '';

/** `page`, watched: the test fails on any console error (a CSP violation, a panic, a failed
 * request) or uncaught exception, except those a test declares it expects. */
export const test = base.extend<{ page: Page; expectedConsoleErrors: RegExp[] }>({
  // Chrome reports an HTTP error answer to fetch() as a console error: a test that provokes
  // one on purpose (a wrong password) lists it here.
  expectedConsoleErrors: [[], { option: true }],
  page: async ({ page, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      const expected = expectedConsoleErrors.some((re) => re.test(msg.text()));
      if (msg.type() === 'error' && !expected) problems.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    expect(problems, 'console errors and uncaught exceptions').toEqual([]);
  },
});

export { expect };

/** Opens the log-in page, fills the form and sends it, as a person would. */
export async function submitSignIn(page: Page, email: string, secret = password) {
  await page.goto('/login');
  await sendSignIn(page, email, secret);
}

/** Fills the log-in form of the page shown and sends it. */
export async function sendSignIn(page: Page, email: string, secret = password) {
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
  // On a phone the button is behind the header's menu.
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: /^(sign out|se déconnecter)$/i }).click();
  await expect(page).toHaveURL(/\/login/);
}

export type Ticket = { id: string; number: string; subject: string };

/** Files a ticket through the API as the signed-in merchant, as the wizard would. */
export async function fileTicket(page: Page, subject: string): Promise<Ticket> {
  const me = await (await page.request.get('/api/v1/me')).json();
  const response = await page.request.post('/api/v1/tickets', {
    headers: { 'X-CSRF-Token': me.csrf_token, 'Idempotency-Key': crypto.randomUUID() },
    data: {
      category: 'api_question',
      urgency: 'normal',
      fields: { subject, description: 'Which endpoint gives the status of a payout?' },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).ticket;
}
