import { test, expect, fileTicket, signIn, signOut } from './fixtures';
import type { Page } from '@playwright/test';

// A 360 px phone, in French: nothing on the support pages is wider than the screen.
test.use({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  expect(scroll, `${path} is ${scroll - inner} px too wide`).toBeLessThanOrEqual(inner);
}

test('on a phone no page of the support flow scrolls sideways', async ({ page }) => {
  await signIn(page, 'admin@abidjan-shop.demo');
  const ticket = await fileTicket(page, `Téléphone ${Date.now()}`);
  for (const path of ['/', '/tickets', `/tickets/${ticket.id}`, '/tickets/new', '/users', '/users/new', '/roles', '/audit']) {
    await expectNoSidewaysScroll(page, path);
  }

  // The list is cards that show the status, the urgency and the SLA; the filters fold.
  await page.goto('/tickets');
  const card = page.getByRole('row').filter({ hasText: ticket.number });
  await expect(card.getByText('Nouveau')).toBeVisible();
  await expect(card.getByText('Normale')).toBeVisible();
  await expect(card.getByText(/pour répondre/)).toBeVisible();
  await expect(page.getByLabel('Urgence')).toBeHidden();
  await page.getByRole('button', { name: 'Filtres' }).click();
  await page.getByLabel('Urgence').selectOption({ label: 'Normale' });
  await expect(page.getByRole('button', { name: 'Filtres (1 actif)' })).toBeVisible();
  await signOut(page);

  await signIn(page, 'lead@easytransfert.demo');
  for (const path of ['/desk', `/desk/tickets/${ticket.id}`, '/desk/figures']) {
    await expectNoSidewaysScroll(page, path);
  }
});
