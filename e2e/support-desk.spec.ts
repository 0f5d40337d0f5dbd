import { expect, test, type Page } from "@playwright/test";
import { companyOrigin, signIn, signOut } from "./helpers";
import { mailsTo } from "./mail";

// The support desk on the demo ISP "Acme Fiber": a customer opens a ticket in the portal (help
// articles are suggested while they type); routing assigns it and says why; a support engineer
// sees its SLA clock, leaves an internal note, answers publicly and resolves it; the customer
// reads the answer (never the note) and rates the help; staff see the rating on the ticket.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const stamp = Date.now().toString(36);
const customer = { email: "brian.ouma@example.com", name: "Brian Ouma" };
const agent = { email: "support@acme.example", name: "Aisha Njeri" };

const ticket = {
  subject: `Slow internet speed in the evening ${stamp}`,
  description:
    "Since Monday the speed drops to about 2 Mbit/s every evening from 7 pm. A cabled speed test shows the same.",
  note: `Internal only ${stamp}: OLT port shows CRC errors, suspect the splitter at the ODB.`,
  reply: `Hello Brian, we found a fault on the line to your building and fixed it this afternoon (${stamp}). Your speed should be back to normal.`,
  comment: `Quick fix, thank you (${stamp}).`,
};
let ticketUrl = "";
let ticketLabel = "";
let assigneeName = "";

test.describe.configure({ mode: "serial" });

async function staffOpensTheTicket(page: Page) {
  await signIn(page, acme, agent.email, PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tickets" }).click();
  await page.waitForURL(`${acme}/tickets`);
  await page.getByLabel("Search tickets").fill(stamp);
  // The search lands in the URL after a pause in typing; a click before that would be undone by it.
  await page.waitForURL(new RegExp(`[?&]q=${stamp}`));
  const row = page.getByRole("row", { name: new RegExp(ticket.subject) });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: ticket.subject }).click();
  await page.waitForURL(ticketUrl);
  await expect(page.getByRole("heading", { name: new RegExp(ticket.subject) })).toBeVisible();
}

/** The card under a heading (cards are <div data-slot="card"> with an <h3> title). */
const card = (page: Page, title: string) =>
  page.getByRole("heading", { name: title, exact: true }).locator("xpath=ancestor::*[@data-slot='card'][1]");

test("a customer opens a ticket in the portal, with help articles suggested while typing", async ({ page }) => {
  await signIn(page, acme, customer.email, PASSWORD);
  await page.waitForURL(/\/portal$/);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Support" }).click();
  await page.waitForURL(/\/portal\/support$/);
  await page.getByRole("link", { name: "New ticket" }).click();
  await page.waitForURL(/\/portal\/support\/new$/);
  await expect(page.getByRole("heading", { name: "Open a ticket" })).toBeVisible();

  const form = page.getByRole("form", { name: "New ticket" });
  await form.getByLabel("What is it about?").selectOption({ label: "Speed" });
  await form.getByLabel("Subject").pressSequentially("slow internet speed", { delay: 20 });
  // The knowledge base answers while they type.
  const suggestions = page.getByRole("list", { name: "Suggested help articles" });
  await expect(suggestions.getByRole("link", { name: /Slow internet\? Check these first/ })).toBeVisible();
  await expect(suggestions.getByRole("link", { name: /Slow internet\? Check these first/ })).toHaveAttribute(
    "href",
    /\/portal\/help\//,
  );

  await form.getByLabel("Subject").fill(ticket.subject);
  await form.getByLabel("Describe the problem").fill(ticket.description);
  await form.getByRole("button", { name: "Send ticket" }).click();

  await page.waitForURL(/\/portal\/support\/(?!new$)[^/]+$/);
  ticketUrl = page.url().replace("/portal/support/", "/tickets/");
  await expect(page.getByRole("heading", { name: ticket.subject })).toBeVisible();
  await expect(page.getByText("Received", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Conversation" })).toContainText(ticket.description);
  ticketLabel = (await page
    .getByText(/^#\d+$/)
    .first()
    .textContent())!.trim();
  expect(ticketLabel).toMatch(/^#\d+$/);

  // It is listed with the customer's other tickets.
  await page.getByRole("link", { name: "Support" }).first().click();
  await expect(
    page.getByRole("list", { name: "Your tickets" }).getByRole("link", { name: new RegExp(ticket.subject) }),
  ).toContainText("Received");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
});

test("support finds the routed ticket with its SLA clock, notes internally, replies and resolves it", async ({
  page,
}) => {
  expect(ticketUrl, "the customer's test opened the ticket").toBeTruthy();
  await staffOpensTheTicket(page);

  // Routing assigned it and explains why.
  const routing = card(page, "Why this technician");
  await expect(routing).toContainText(/Assigned to [^:]+: /);
  assigneeName = /Assigned to ([^:]+):/.exec((await routing.textContent()) ?? "")![1];
  await expect(routing.getByRole("list", { name: "Routing candidates" })).toContainText(assigneeName);
  await expect(page.getByLabel("Assignee", { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel("Assignee", { exact: true }).locator("option:checked")).toHaveText(assigneeName);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("ASSIGNED");
  await expect(card(page, "Activity").getByRole("list", { name: "Ticket history" })).toContainText(
    `Routing: Assigned to ${assigneeName}`,
  );

  // The SLA clock runs for the first response and the resolution.
  const sla = card(page, "SLA");
  await expect(sla.getByRole("meter", { name: "Response target used" })).toBeVisible();
  await expect(sla.getByRole("meter", { name: "Resolution target used" })).toBeVisible();
  await expect(sla).toContainText(/Response.*(left|Overdue by)/);
  await expect(sla).toContainText(/Due \d/);

  // An internal note for colleagues.
  const composer = page.getByRole("region", { name: "Reply", exact: true });
  await composer.getByRole("radio", { name: "Internal note" }).click();
  await composer.getByLabel("Internal note", { exact: true }).fill(ticket.note);
  await composer.getByRole("button", { name: "Add internal note" }).click();
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation.getByRole("listitem", { name: `Internal note by ${agent.name}` })).toContainText(
    ticket.note,
  );

  // A public reply that resolves the ticket.
  await composer.getByRole("radio", { name: "Public reply" }).click();
  await composer.getByLabel("Reply to the customer", { exact: true }).fill(ticket.reply);
  await composer.getByRole("button", { name: "Send and resolve" }).click();
  await expect(conversation.getByRole("listitem", { name: `Reply by ${agent.name}` })).toContainText(ticket.reply);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("RESOLVED");
  await expect(sla).toContainText("Answered in time");
  await expect(sla).toContainText("Resolved in time");
  await signOut(page, agent.name);
});

test("the customer reads the answer, never the internal note, and rates the help", async ({ page }) => {
  // Everything the portal fetches, to be sure the note is not merely hidden on screen.
  const responses: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/trpc/")) responses.push(r.text().catch(() => ""));
  });
  await signIn(page, acme, customer.email, PASSWORD);
  await page.waitForURL(/\/portal$/);
  // The bell tells them about the answer and takes them to the ticket.
  await page.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
  await page
    .getByRole("menuitem", { name: new RegExp(`${agent.name} replied on your ticket ${ticketLabel}\\b`) })
    .click();
  const ticketPage = ticketUrl.replace("/tickets/", "/portal/support/");
  await page.waitForURL(ticketPage);

  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation.getByRole("listitem", { name: `Message from ${agent.name}` })).toContainText(ticket.reply);
  await expect(page.getByText("Resolved", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(ticket.note)).toHaveCount(0);
  await expect(page.getByText(/OLT port shows CRC errors/)).toHaveCount(0);

  // Their list of tickets asks for a rating too.
  await page.getByRole("link", { name: "Support" }).first().click();
  const listed = page
    .getByRole("list", { name: "Your tickets" })
    .getByRole("link", { name: new RegExp(ticket.subject) });
  await expect(listed).toContainText("Resolved");
  await expect(listed).toContainText("Rate us");
  await listed.click();
  await page.waitForURL(ticketPage);

  // How did we do? 4 of 5 and a comment.
  const rating = page.getByRole("form", { name: "Rate the service" });
  await expect(page.getByRole("heading", { name: "How did we do?" })).toBeVisible();
  await rating.getByRole("radio", { name: "4 out of 5: Good" }).click();
  await expect(rating.getByRole("radio", { name: "4 out of 5: Good" })).toHaveAttribute("aria-checked", "true");
  await rating.getByLabel("Anything to add? (optional)").fill(ticket.comment);
  await rating.getByRole("button", { name: "Send rating" }).click();
  await expect(page.getByRole("heading", { name: "Thank you for your rating" })).toBeVisible();
  await expect(page.getByText(`“${ticket.comment}”`)).toBeVisible();
  await expect(rating).toHaveCount(0);

  const fetched = await Promise.all(responses);
  expect(fetched.some((body) => body.includes(ticket.reply.slice(0, 40)))).toBe(true);
  expect(fetched.filter((body) => body.includes("CRC errors"))).toEqual([]);

  // The e-mails the customer got: the reply and the rating request, never the note.
  const replyMail = `${agent.name} replied on your ticket ${ticketLabel}`;
  const ratingMail = `Ticket ${ticketLabel} is resolved: how did we do?`;
  await expect
    .poll(async () => (await mailsTo(customer.email)).map((m) => m.subject))
    .toEqual(expect.arrayContaining([replyMail, ratingMail]));
  const mails = await mailsTo(customer.email);
  expect(mails.find((m) => m.subject === replyMail)!.text).toContain(ticket.reply);
  expect(mails.find((m) => m.subject === ratingMail)!.text).toMatch(/\/csat\/[A-Za-z0-9_-]+/);
  expect(mails.filter((m) => m.text.includes("CRC errors") || m.html.includes("CRC errors"))).toEqual([]);
});

test("staff see the customer's rating on the ticket", async ({ page }) => {
  await staffOpensTheTicket(page);
  const csat = card(page, "Customer satisfaction");
  await expect(csat).toContainText("Good");
  await expect(csat).toContainText(`“${ticket.comment}”`);
  await expect(csat).toContainText("Rated 4 out of 5");
  await expect(page.getByRole("list", { name: "Ticket history" })).toContainText(
    `Customer rated 4/5: “${ticket.comment}”`,
  );
});
