import { test, expect, fileTicket, signIn, signOut, type Page, type Ticket } from './fixtures';

function stamp() {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

/** Searches and waits for the list's answer (the newest ticket is often listed already: a test
 * that moved on at once would race the search's request, e.g. with a sign-out). */
async function search(page: Page, label: RegExp, text: string) {
  const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === text);
  await page.getByLabel(label).fill(text);
  await page.getByLabel(label).press('Enter');
  await answered;
}

/** The notice a save shows on screen (a toast, read out as a status). */
function notice(page: Page) {
  return page.getByRole('status').locator('.gu-toast__text');
}

async function openTicket(page: Page, ticket: Ticket) {
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ticket.number);
}

test('a ticket from filing to rating, between the merchant and the desk', async ({ page }) => {
  test.setTimeout(120_000);
  const subject = `Payout status ${stamp()}`;
  await signIn(page, 'support@abidjan-shop.demo');
  const ticket = await fileTicket(page, subject);

  // The merchant sees it in My tickets.
  await page.getByRole('link', { name: 'Tickets', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My tickets' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New ticket' })).toBeVisible();
  await search(page, /^search tickets$/i, subject);
  await expect(page.getByRole('cell', { name: subject })).toBeVisible();
  await expect(page.getByRole('link', { name: ticket.number })).toBeVisible();
  await signOut(page);

  // The agent finds it in the queue, triages it, takes it and answers.
  await signIn(page, 'agent@easytransfert.demo');
  await page.getByRole('link', { name: 'Support desk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Support desk' })).toBeVisible();
  await search(page, /^search tickets$/i, subject);
  // A new ticket awaits the desk's answer: marked in words on its row.
  await expect(page.getByRole('row').filter({ hasText: subject })).toContainText('To answer');
  await page.getByRole('link', { name: ticket.number }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
  // A page that loads its content still takes focus to its heading.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const status = page.getByTestId('ticket-status');
  await expect(status).toHaveText('New');
  await expect(page.getByRole('note')).toHaveText('Triage it first: set its urgency, with a reason.');

  await page.getByLabel('Urgency', { exact: true }).selectOption({ label: 'High' });
  await page.getByLabel('Reason').fill('Payouts are blocked until answered');
  await page.getByRole('button', { name: 'Save the urgency' }).click();
  await expect(notice(page)).toHaveText('Urgency saved.');
  await expect(status).toHaveText('Triaged');
  // The history is folded under its heading.
  await page.getByText('History', { exact: true }).click();
  await expect(page.getByText(/Urgency changed from Normal to High/)).toBeVisible();

  await page.getByRole('button', { name: 'Take it' }).click();
  await expect(notice(page)).toHaveText('Assigned to Koffi Yao.');
  await expect(status).toHaveText('Assigned');
  await expect(page.getByText('Handled by Koffi Yao.')).toBeVisible();

  await page.getByLabel('Your reply').fill('Use GET /payouts/{id}: it gives the status.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(notice(page)).toHaveText('Reply sent.');
  await expect(page.getByText('Use GET /payouts/{id}: it gives the status.')).toBeVisible();

  // The note is its own tab: what is written there is posted as internal, never publicly.
  await page.getByRole('tab', { name: 'Internal note' }).click();
  await expect(page.getByRole('tab', { name: 'Internal note' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Your note (only the desk sees it)').fill('Merchant seems to poll too often.');
  const posted = page.waitForRequest((r) => r.url().endsWith('/messages') && r.method() === 'POST');
  await page.getByRole('button', { name: 'Add the note' }).click();
  expect((await posted).postDataJSON().internal).toBe(true);
  await expect(notice(page)).toHaveText('Internal note added.');
  // The tab stays on the note: the next note cannot go out as a reply by habit.
  await expect(page.getByRole('button', { name: 'Add the note' })).toBeVisible();
  await expect(page.getByText('Merchant seems to poll too often.')).toBeVisible();
  await expect(page.getByText('Internal note: not shown to the merchant')).toBeVisible();

  // In the queue, « Mine » finds it; answered, « Unanswered » leaves it out.
  await page.goto('/desk');
  await search(page, /^search tickets$/i, subject);
  await page.getByRole('button', { name: 'Mine', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Mine', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('link', { name: ticket.number })).toBeVisible();
  await page.getByRole('button', { name: 'Unanswered', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^0 tickets$/ })).toBeVisible();
  await signOut(page);

  // The merchant sees that the desk answered, on « Tickets » and on the row; opening the ticket
  // reads it.
  await signIn(page, 'support@abidjan-shop.demo');
  await expect(page.getByRole('link', { name: /^Tickets \d+ tickets? with news$/ })).toBeVisible();
  await page.getByRole('link', { name: /^Tickets/ }).click();
  await search(page, /^search/i, subject);
  await expect(page.getByRole('row').filter({ hasText: subject })).toContainText('New answer');
  await openTicket(page, ticket);
  await page.goto('/tickets');
  await search(page, /^search/i, subject);
  await expect(page.getByRole('row').filter({ hasText: subject })).not.toContainText('New answer');
  await openTicket(page, ticket);
  await expect(page.getByText('Use GET /payouts/{id}: it gives the status.')).toBeVisible();
  await expect(page.getByText('Merchant seems to poll too often.')).toHaveCount(0);
  // The triage reason was kept for the desk: the merchant's history has the urgency alone.
  await expect(page.getByText('Payouts are blocked until answered')).toHaveCount(0);
  await expect(page.getByText(/Internal note/)).toHaveCount(0);
  const seen = await (await page.request.get(`/api/v1/tickets/${ticket.id}`)).json();
  expect(seen.messages.some((m: { internal: boolean }) => m.internal)).toBe(false);
  await page.getByLabel('Your reply').fill('Thank you, that works.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('Thank you, that works.')).toBeVisible();
  await signOut(page);

  // The agent resolves it.
  await signIn(page, 'agent@easytransfert.demo');
  await openTicket(page, ticket);
  await expect(page.getByText('Thank you, that works.')).toBeVisible();
  // « Resolve » asks for a summary first, which the merchant reads in the conversation.
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByLabel('Resolution summary (optional)').fill('Polling every 30 s is fine; use webhooks for more.');
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(notice(page)).toHaveText('Status: Resolved.');
  await expect(page.getByTestId('ticket-status')).toHaveText('Resolved');
  await signOut(page);

  // The merchant rates it 4 with a comment, which closes it.
  await signIn(page, 'support@abidjan-shop.demo');
  await openTicket(page, ticket);
  await expect(page.getByRole('heading', { name: 'How was the resolution?' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Resolved: rate the answer below.');
  await expect(page.getByText('Polling every 30 s is fine; use webhooks for more.')).toBeVisible();
  await page.getByRole('radio', { name: /^4/ }).check();
  await page.getByLabel('Comment (optional)').fill('Quick and clear.');
  await page.getByRole('button', { name: 'Send the rating' }).click();
  await expect(notice(page)).toHaveText('Thank you: your rating is saved and the ticket is closed.');
  await expect(page.getByTestId('ticket-status')).toHaveText('Closed');
  await page.getByText('History', { exact: true }).click();
  await expect(page.getByText('Rated 4 out of 5')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How was the resolution?' })).toHaveCount(0);
  // A follow-up stays possible for a while.
  await expect(page.getByRole('button', { name: 'Ask for a follow-up' })).toBeVisible();
});

test('a reply carries a log file, cleaned in the browser, and a screenshot', async ({ page }) => {
  const subject = `Reply with a log ${stamp()}`;
  await signIn(page, 'support@abidjan-shop.demo');
  const ticket = await fileTicket(page, subject);
  await openTicket(page, ticket);
  const bodies: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/') && r.method() !== 'GET') bodies.push(r.postData() ?? '');
  });
  const key = 'sprod_4bV9kQz2mXw7LpR8tN3yQa7x';
  const log = `10:42:01 POST /payouts request_id=7d0c2c51\n10:42:01 api_key=${key}\n`;
  await page.getByLabel('Log and dump files').setInputFiles({
    name: 'payout.log',
    mimeType: 'text/plain',
    buffer: Buffer.from(log),
  });
  await expect(page.getByRole('button', { name: 'Remove payout.log' })).toBeVisible();
  // And a screenshot, re-drawn before it goes.
  await page.getByLabel('Screenshots').setInputFiles({
    name: 'payout.png',
    mimeType: 'image/png',
    buffer: await page.screenshot(),
  });
  await page.getByRole('button', { name: 'Attach the covered image' }).click();
  await expect(page.getByRole('button', { name: 'Remove payout.png' })).toBeVisible();
  await page.getByLabel('Your reply').fill('The log of the failed payout.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('The log of the failed payout.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download payout.log' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download payout.png' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove payout.log' })).toHaveCount(0);
  const sent = bodies.join('\n');
  expect(sent).toContain('request_id=7d0c2c51');
  expect(sent).not.toContain(key);
});

test('the lead assigns, the desk waits on the merchant, the merchant reopens after resolution', async ({ page }) => {
  test.setTimeout(120_000);
  const subject = `Waiting and reopened ${stamp()}`;
  // A requester no other test signs in as: each sign-in reports the browser's language, and the
  // mail at the end must be written in the French she chose.
  await signIn(page, 'operations@abidjan-shop.demo');
  const ticket = await fileTicket(page, subject);
  await signOut(page);

  // The lead picks the engineer in the assignment select.
  await signIn(page, 'lead@easytransfert.demo');
  await page.getByRole('link', { name: 'Support desk' }).click();
  // The merchant filter offers every merchant that filed with the desk, once.
  await expect(page.getByLabel('Merchant', { exact: true }).getByRole('option', { name: 'Abidjan Shop' })).toHaveCount(1);
  await search(page, /^search tickets$/i, subject);
  await page.getByRole('link', { name: ticket.number }).click();
  const status = page.getByTestId('ticket-status');
  await expect(status).toHaveText('New');
  await expect(page.getByRole('note')).toHaveText('Triage it first: set its urgency, with a reason.');
  await page.getByLabel('Engineer', { exact: true }).selectOption({ label: 'Koffi Yao' });
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(status).toHaveText('Assigned');
  await expect(page.getByText('Handled by Koffi Yao.')).toBeVisible();

  // Waiting on the merchant pauses the SLA clock: assigned but not yet answered, the response's.
  await page.getByRole('button', { name: 'Wait on the merchant' }).click();
  await expect(status).toHaveText('Waiting on merchant');
  await expect(page.getByText('Paused: response', { exact: true })).toBeVisible();
  // Without a summary, and after changing one's mind once.
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(status).toHaveText('Resolved');
  await signOut(page);

  // The merchant, in French, asks for a follow-up, which reopens the ticket.
  await signIn(page, 'operations@abidjan-shop.demo');
  await page.getByLabel('Language').selectOption({ label: 'Français' });
  await openTicket(page, ticket);
  await expect(page.getByTestId('ticket-status')).toHaveText('Résolu');
  await page.getByLabel("Qu'est-ce qui ne va toujours pas ?").fill('Le virement reste bloqué.');
  await page.getByRole('button', { name: 'Demander un suivi' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('En cours');
  await expect(page.getByRole('button', { name: 'Demander un suivi' })).toHaveCount(0);
  await signOut(page);

  // Resolved again by the desk, which works in English: the mail to the requester is in French,
  // the language she chose, and links to the rating on the ticket's page.
  await signIn(page, 'lead@easytransfert.demo');
  // This browser kept the merchant's French; the lead reads English.
  await page.getByLabel('Langue').selectOption({ label: 'English' });
  await page.goto(`/desk/tickets/${ticket.id}`);
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(status).toHaveText('Resolved');
  await page.goto('/desk/figures');
  const mail = page.getByRole('row').filter({ hasText: 'Votre ticket est résolu' }).filter({ has: page.getByRole('link', { name: ticket.number }) });
  await mail.getByText(`[${ticket.number}] ${subject}`).click();
  await expect(mail.getByText('Votre ticket est résolu.')).toBeVisible();
  await expect(mail).toContainText(`/tickets/${ticket.id}#rate`);
  await expect(mail).not.toContainText('Your ticket is resolved');
});

test('a Paris merchant does not see an Abidjan ticket', async ({ page }) => {
  const subject = `Abidjan only ${stamp()}`;
  await signIn(page, 'support@abidjan-shop.demo');
  const ticket = await fileTicket(page, subject);
  await signOut(page);

  await signIn(page, 'support@paris-shop.demo');
  await page.getByRole('link', { name: 'Tickets', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My tickets' })).toBeVisible();
  await search(page, /^search tickets$/i, subject);
  await expect(page.getByText('No ticket matches.')).toBeVisible();
  await expect(page.getByRole('link', { name: ticket.number })).toHaveCount(0);
  const direct = await page.request.get(`/api/v1/tickets/${ticket.id}`);
  expect(direct.status()).toBe(404);
});

test('the desk figures and the outbox', async ({ page }) => {
  await signIn(page, 'lead@easytransfert.demo');
  await page.getByRole('link', { name: 'Support desk' }).click();
  await page.getByRole('link', { name: 'Desk figures' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Desk figures' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Figures by urgency' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Critical' })).toBeVisible();
  // By merchant and by engineer, over a period; a median says how many tickets it stands on.
  await expect(page.getByRole('table', { name: 'By merchant' }).getByRole('rowheader', { name: 'Abidjan Shop' })).toBeVisible();
  const sevenDays = page.getByRole('button', { name: '7 days' });
  await sevenDays.click();
  await expect(sevenDays).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').filter({ hasText: /tickets? filed in the period/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Notifications to requesters' })).toBeVisible();
  // Without an SMTP relay, the job queue holds what is still to send.
  await expect(page.getByText('Notifications waiting to be sent')).toBeVisible();
});

test('in French, after the language switch, the ticket pages speak French', async ({ page }) => {
  const subject = `Question en français ${stamp()}`;
  await signIn(page, 'support@abidjan-shop.demo');
  const ticket = await fileTicket(page, subject);
  await page.getByLabel('Language').selectOption({ label: 'Français' });
  await page.getByRole('link', { name: 'Tickets', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes tickets' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nouveau ticket' })).toBeVisible();
  await expect(page.getByLabel('Statut')).toBeVisible();
  await expect(page.getByLabel('Urgence')).toBeVisible();
  await expect(page.getByLabel('Catégorie')).toBeVisible();
  // « Toutes » for the feminine nouns; French plurals from the CLDR rules (0 and 1 are singular).
  await expect(page.getByLabel('Urgence').locator('option').first()).toHaveText('Toutes');
  await expect(page.getByLabel('Statut').locator('option').first()).toHaveText('Tous');
  await search(page, /^rechercher des tickets$/i, `Aucun ${stamp()}`);
  await expect(page.getByRole('status').filter({ hasText: /^0 ticket$/ })).toBeVisible();
  await search(page, /^rechercher des tickets$/i, subject);
  await expect(page.getByRole('status').filter({ hasText: /^1 ticket$/ })).toBeVisible();
  await page.getByRole('link', { name: ticket.number }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
  await expect(page.getByTestId('ticket-status')).toHaveText('Nouveau');
  await expect(page.getByRole('note')).toContainText('Le support s\'en occupe et répondra d\'ici le');
  await expect(page.getByRole('heading', { name: 'Dernier message' })).toBeVisible();
  await page.getByRole('heading', { name: 'Historique' }).click();
  await expect(page.getByText('Ticket déposé')).toBeVisible();
  await expect(page.getByText('Question sur l\'API')).toBeVisible();
  await expect(page.getByLabel('Votre réponse')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Retour à mes tickets' })).toBeVisible();
});

test('the desk sorts its queue by a column and reads on past a page', async ({ page }) => {
  const tag = `Sorting ${stamp()}`;
  await signIn(page, 'support@abidjan-shop.demo');
  const tickets = [];
  for (let i = 1; i <= 3; i++) tickets.push(await fileTicket(page, `${tag} ${i}`));
  await signOut(page);
  // Pages of two, so that three tickets span two pages (the server is real; the page is small).
  await page.route('**/api/v1/tickets?*', (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', '2');
    return route.continue({ url: url.toString() });
  });
  await signIn(page, 'agent@easytransfert.demo');
  await page.goto('/desk');
  await search(page, /^search tickets$/i, tag);
  const queue = page.getByRole('table', { name: "The desk's queue" });
  await expect(page.getByRole('status').filter({ hasText: '2 tickets shown, more follow' })).toBeVisible();
  await page.getByRole('button', { name: 'Show more tickets' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^3 tickets$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show more tickets' })).toHaveCount(0);
  await expect(queue.getByRole('row')).toHaveCount(4);

  // By number: the newest first, then, pressed again, the oldest first.
  const number = queue.getByRole('columnheader', { name: /^Number/ });
  await number.getByRole('button').click();
  await expect(number).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('button', { name: 'Show more tickets' }).click();
  await expect(queue.getByRole('row').nth(1)).toContainText(tickets[2].number);
  await number.getByRole('button').click();
  await expect(number).toHaveAttribute('aria-sort', 'ascending');
  await expect(queue.getByRole('row').nth(1)).toContainText(tickets[0].number);
  // The SLA header puts the most at risk first again.
  const sla = queue.getByRole('columnheader', { name: /^SLA/ });
  await sla.getByRole('button').click();
  await expect(sla).toHaveAttribute('aria-sort', 'ascending');
  await expect(number).not.toHaveAttribute('aria-sort');
});
