import { test, expect, signIn, sendSignIn } from './fixtures';
import type { Page } from '@playwright/test';

/** The files of the app (not the API) that the page fetches. */
function recordAssets(page: Page): string[] {
  const assets: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (!path.startsWith('/api/')) assets.push(path);
  });
  return assets;
}

test('a signed-out visitor gets the log-in page alone: one script, one wasm, one stylesheet', async ({ page }) => {
  const assets = recordAssets(page);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login\?next=\/users$/);
  await expect(page.getByRole('button', { name: /^(sign in|se connecter)$/i })).toBeEnabled();
  const wasm = assets.filter((a) => a.endsWith('.wasm'));
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/^\/login-[0-9a-f]+_bg\.wasm$/);
  expect(assets.filter((a) => a.endsWith('.css'))).toHaveLength(1);
  expect(assets.some((a) => /redact-worker|guichet-|desk|wizard/.test(a))).toBe(false);
});

test('after signing in, a merchant lands where the link pointed, in the console', async ({ page }) => {
  const assets = recordAssets(page);
  await page.goto('/roles');
  await expect(page).toHaveURL(/\/login\?next=\/roles$/);
  await sendSignIn(page, 'admin@abidjan-shop.demo');
  await expect(page).toHaveURL(/\/roles$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  expect(assets.some((a) => /^\/guichet-[0-9a-f]+_bg\.wasm$/.test(a))).toBe(true);
  // Signed out on purpose, the log-in page does not bring the next person back here.
  await page.getByRole('button', { name: /^sign out$/i }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('hashed files are kept for a year, pages are revalidated, and both come compressed', async ({ page }) => {
  const html = await page.request.get('/login', { headers: { 'accept-encoding': 'br' } });
  expect(html.headers()['cache-control']).toBe('no-cache');
  expect(html.headers()['content-encoding']).toBe('br');
  const body = await (await page.request.get('/login')).text();
  const wasm = body.match(/\/login-[0-9a-f]+_bg\.wasm/)?.[0];
  expect(wasm).toBeTruthy();
  const file = await page.request.get(wasm!, { headers: { 'accept-encoding': 'br' } });
  expect(file.headers()['cache-control']).toContain('immutable');
  expect(file.headers()['content-encoding']).toBe('br');
});

test('each audience has its own bundle, and a link into another is a page load', async ({ page }) => {
  const assets = recordAssets(page);
  // The provider's people start at the desk, in the desk's bundle.
  await signIn(page, 'agent@easytransfert.demo');
  await expect(page).toHaveURL(/\/desk$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Support desk' })).toBeVisible();
  expect(assets.some((a) => /^\/desk-[0-9a-f]+_bg\.wasm$/.test(a))).toBe(true);
  // A console link to a ticket opens it at the desk.
  const [ticket] = (await (await page.request.get('/api/v1/tickets')).json()).items;
  if (ticket) {
    await page.goto(`/tickets/${ticket.id}`);
    await expect(page).toHaveURL(new RegExp(`/desk/tickets/${ticket.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ticket.number);
  }
});

test('the wizard is fetched when a merchant first files a ticket, and the engine when text is typed', async ({ page }) => {
  const assets = recordAssets(page);
  await signIn(page, 'support@abidjan-shop.demo');
  await page.getByRole('link', { name: 'Tickets', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My tickets' })).toBeVisible();
  expect(assets.some((a) => a.includes('wizard') || a.includes('redact-worker'))).toBe(false);
  await page.getByRole('link', { name: 'New ticket' }).click();
  // No draft to resume: the wizard starts one at once.
  await expect(page).toHaveURL(/\/tickets\/new\?draft=/);
  expect(assets.some((a) => /^\/wizard-[0-9a-f]+_bg\.wasm$/.test(a))).toBe(true);
  expect(assets.some((a) => a.includes('redact-worker'))).toBe(false);
  await page.getByRole('radio', { name: /^bug/i }).check();
  await page.getByRole('button', { name: /^next$/i }).click();
  await page.getByLabel(/^description$/i).fill('card 4111 1111 1111 1111 refused');
  await expect(page.getByText(/^1 secret will be hidden/i)).toBeVisible();
  expect(assets).toContain('/redact-worker_bg.wasm');
});
