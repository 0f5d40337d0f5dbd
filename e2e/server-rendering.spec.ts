import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { companyOrigin, e2eDatabaseUrl, signIn } from "./helpers";

// Console pages arrive with their data: the server prefetches through tRPC and hands the
// results to the client components, so the HTML already shows the record or the filtered list
// and the browser does not fetch them again after hydration (which would flash a skeleton).

const acme = companyOrigin("acme");

/** A demo customer of Acme with a ticket, read straight from the database. */
async function customerWithTicket() {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT c.id, c."lastName", t.id AS "ticketId", t.subject
         FROM "Customer" c
         JOIN "Company" co ON co.id = c."companyId"
         JOIN "Ticket" t ON t."customerId" = c.id
        WHERE co.slug = 'acme' AND c."lastName" IS NOT NULL
        ORDER BY c."createdAt" LIMIT 1`,
    );
    return rows[0] as { id: string; lastName: string; ticketId: string; subject: string };
  } finally {
    await client.end();
  }
}

/** The tRPC procedures the browser calls from now on (a batch names several: "a.b,c.d"). */
function recordProcedures(page: Page): string[] {
  const called: string[] = [];
  page.on("request", (request) => {
    const match = new URL(request.url()).pathname.match(/^\/api\/trpc\/(.+)$/);
    if (match) called.push(...decodeURIComponent(match[1]).split(","));
  });
  return called;
}

/** Opens `path` and returns the HTML the server sent, before any script ran. */
async function serverHtml(page: Page, path: string): Promise<string> {
  const response = await page.goto(`${acme}${path}`);
  expect(response?.ok()).toBe(true);
  return response!.text();
}

test("detail pages and filtered lists are in the server's HTML and are not fetched again", async ({ page }) => {
  const customer = await customerWithTicket();
  await signIn(page, acme, "care@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  const called = recordProcedures(page);

  const customerHtml = await serverHtml(page, `/customers/${customer.id}`);
  expect(customerHtml).toContain(customer.lastName);
  expect(customerHtml).toContain(customer.subject); // the customer's tickets panel
  expect(customerHtml).not.toContain('aria-label="Loading customer"');
  await expect(page.getByRole("heading", { name: new RegExp(customer.lastName) }).first()).toBeVisible();

  const ticketHtml = await serverHtml(page, `/tickets/${customer.ticketId}`);
  expect(ticketHtml).toContain(customer.subject);
  expect(ticketHtml).not.toContain('aria-label="Loading ticket"');

  // The search comes from the URL: the server must build the same list input as the browser.
  const listHtml = await serverHtml(page, `/customers?q=${encodeURIComponent(customer.lastName)}&sort=name`);
  expect(listHtml).toContain(customer.lastName);
  await expect(page.getByRole("link", { name: new RegExp(customer.lastName) }).first()).toBeVisible();

  await page.waitForLoadState("networkidle");
  expect(called.filter((p) => /^(customers\.(get|list|timeline)|tickets\.(get|forCustomer))$/.test(p))).toEqual([]);
});
