import { inOrder } from "../../db/tenant";
import type { z } from "zod";
import type { Customer, Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import type { Scope } from "../scope";
import { identifierMatch, openIdentifiers, sealIdentifiers } from "./identifiers";
import {
  changeStatusSchema,
  createCustomerSchema,
  customerDisplayName,
  type customerFilterSchema,
  formatAccountNumber,
  listCustomersSchema,
  STATUS_LABELS,
  STATUS_TRANSITIONS,
  updateCustomerSchema,
} from "./schema";

// Customers (subscribers) of one ISP: the account, its contact and service address, and the
// rules around it. Every mutation is audited in the caller's transaction.

export const ACCOUNT_COUNTER = "customer_account";

type CustomerData = Omit<z.output<typeof updateCustomerSchema>, "id">;

/**
 * A customer as every entry point returns it: decimals as numbers, the account number formatted,
 * the sealed identifiers opened (and their blind indexes left out).
 */
export function present(c: Customer) {
  const {
    searchText: _searchText,
    serviceLatitude,
    serviceLongitude,
    taxIdSealed: _taxIdSealed,
    taxIdHmac: _taxIdHmac,
    idDocumentNumberSealed: _idDocumentNumberSealed,
    idDocumentNumberHmac: _idDocumentNumberHmac,
    ...rest
  } = c;
  return {
    ...rest,
    ...openIdentifiers(c),
    accountNo: formatAccountNumber(c.accountNumber),
    displayName: customerDisplayName(c),
    serviceLatitude: serviceLatitude === null ? null : Number(serviceLatitude),
    serviceLongitude: serviceLongitude === null ? null : Number(serviceLongitude),
  };
}
export type CustomerView = ReturnType<typeof present>;

/**
 * The lower-cased text the trigram index searches. It starts with the display name, so sorting by
 * it sorts by name (there is no single name column); phones also appear as bare digits so
 * "0722123" finds "0722 123 456". The tax id and ID document number stay out: they are sealed, and
 * found by their blind index instead (identifiers.ts).
 */
export function searchTextOf(c: CustomerData & { accountNumber: number }): string {
  const digits = (p: string | null) => (p ? p.replace(/\D/g, "") : null);
  return [
    customerDisplayName(c),
    c.type === "BUSINESS" ? [c.firstName, c.lastName].filter(Boolean).join(" ") : c.businessName,
    formatAccountNumber(c.accountNumber),
    c.email,
    c.phone,
    digits(c.phone),
    c.altPhone,
    digits(c.altPhone),
    c.serviceAddress,
    c.billingAddress,
  ]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}

const emailTaken = (accountNumber?: number) =>
  new Conflict(
    accountNumber
      ? `Another customer (${formatAccountNumber(accountNumber)}) already uses this e-mail address.`
      : "Another customer already uses this e-mail address.",
    { email: "Already used by another customer." },
  );

/**
 * Names the customer who already has the address. The unique index on (companyId, email) is
 * the rule itself (e-mails are stored lower-cased); this check only makes the message useful.
 */
async function assertEmailFree(scope: Scope, email: string | null, exceptId?: string) {
  if (!email) return;
  const other = await scope.tx.customer.findFirst({
    where: { email, id: exceptId ? { not: exceptId } : undefined },
    select: { accountNumber: true },
  });
  if (other) throw emailTaken(other.accountNumber);
}

function columns(companyId: string, d: CustomerData) {
  return {
    type: d.type,
    firstName: d.firstName,
    lastName: d.lastName,
    businessName: d.businessName,
    email: d.email,
    phone: d.phone,
    altPhone: d.altPhone,
    serviceAddress: d.serviceAddress,
    serviceLatitude: d.serviceLatitude,
    serviceLongitude: d.serviceLongitude,
    billingAddress: d.billingAddress,
    idDocumentType: d.idDocumentType,
    ...sealIdentifiers(companyId, d),
    contactChannel: d.contactChannel,
    language: d.language,
    paperlessBilling: d.paperlessBilling,
    tags: d.tags,
    notes: d.notes,
  };
}

export async function create(scope: Scope, input: z.input<typeof createCustomerSchema>) {
  const data = createCustomerSchema.parse(input);
  await assertEmailFree(scope, data.email);
  const accountNumber = await counters.next(scope, ACCOUNT_COUNTER);
  const row = await onUnique(
    scope.tx.customer.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        accountNumber,
        status: data.status,
        ...columns(scope.companyId, data),
        searchText: searchTextOf({ ...data, accountNumber }),
      },
    }),
    emailTaken,
  );
  const view = present(row);
  await audit.record(scope, { action: "customer.create", entityType: "Customer", entityId: row.id, after: view });
  return view;
}

/**
 * Many customers at once (CSV import), already validated and checked for e-mails in use: one
 * range of account numbers in file order, one insert, an audit entry each.
 */
export async function createMany(scope: Scope, rows: z.output<typeof createCustomerSchema>[]) {
  if (rows.length === 0) return [];
  const first = await counters.reserve(scope, ACCOUNT_COUNTER, rows.length);
  const created = await onUnique(
    scope.tx.customer.createManyAndReturn({
      data: rows.map((data, i) => ({
        id: newId(),
        companyId: scope.companyId,
        accountNumber: first + i,
        status: data.status,
        ...columns(scope.companyId, data),
        searchText: searchTextOf({ ...data, accountNumber: first + i }),
      })),
    }),
    emailTaken,
  );
  const views = created.sort((a, b) => a.accountNumber - b.accountNumber).map(present);
  for (const view of views)
    await audit.record(scope, {
      action: "customer.create",
      entityType: "Customer",
      entityId: view.id,
      after: { ...view, source: "csv_import" },
    });
  return views;
}

async function find(scope: Scope, id: string) {
  const row = await scope.tx.customer.findUnique({ where: { id } });
  if (!row) throw new NotFound("Customer");
  return row;
}

export async function get(scope: Scope, id: string) {
  return present(await find(scope, id));
}

export async function update(scope: Scope, input: z.input<typeof updateCustomerSchema>) {
  const { id, ...data } = updateCustomerSchema.parse(input);
  const before = await find(scope, id);
  await assertEmailFree(scope, data.email, id);
  const row = await onUnique(
    scope.tx.customer.update({
      where: { id },
      data: {
        ...columns(scope.companyId, data),
        searchText: searchTextOf({ ...data, accountNumber: before.accountNumber }),
      },
    }),
    emailTaken,
  );
  const after = present(row);
  await audit.record(scope, {
    action: "customer.update",
    entityType: "Customer",
    entityId: id,
    ...changed(present(before), after),
  });
  return after;
}

/** Only the fields that changed, so the timeline says what happened. */
function changed(before: CustomerView, after: CustomerView) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CustomerView)[]) {
    if (key === "updatedAt") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/**
 * A subscription of the customer went live: a prospect or pending customer becomes ACTIVE, with
 * the usual status-change audit entry. Any other status is left alone (a suspended customer stays
 * suspended until staff lift it). Called by the subscriptions module in the activation's transaction.
 */
export async function activateOnSubscription(scope: Scope, customerId: string): Promise<void> {
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { status: true } });
  if (!customer || (customer.status !== "PROSPECT" && customer.status !== "PENDING")) return;
  await changeStatus(scope, { id: customerId, status: "ACTIVE", reason: "Subscription activated" });
}

export async function changeStatus(scope: Scope, input: z.input<typeof changeStatusSchema>) {
  const data = changeStatusSchema.parse(input);
  const before = await find(scope, data.id);
  if (before.status === data.status) return present(before);
  if (!STATUS_TRANSITIONS[before.status].includes(data.status)) {
    throw new Invalid(
      `A ${STATUS_LABELS[before.status].toLowerCase()} customer cannot become ${STATUS_LABELS[data.status].toLowerCase()}.`,
      { status: "Not allowed from the current status." },
    );
  }
  const row = await scope.tx.customer.update({ where: { id: data.id }, data: { status: data.status } });
  await audit.record(scope, {
    action: "customer.status_change",
    entityType: "Customer",
    entityId: data.id,
    before: { status: before.status },
    after: { status: row.status, reason: data.reason || undefined },
  });
  return present(row);
}

export async function remove(scope: Scope, id: string) {
  const before = await find(scope, id);
  const [subscriptions, serviceRequests, lead, tickets] = await inOrder([
    scope.tx.subscription.count({ where: { customerId: id } }),
    scope.tx.serviceRequest.count({ where: { customerId: id } }),
    scope.tx.lead.count({ where: { customerId: id } }),
    scope.tx.ticket.count({ where: { customerId: id } }),
  ]);
  if (subscriptions + serviceRequests + lead + tickets > 0) {
    const has = [
      subscriptions && "subscriptions",
      serviceRequests && "service requests",
      lead && "a converted lead",
      tickets && "support tickets",
    ]
      .filter(Boolean)
      .join(", ");
    throw new Conflict(`This customer has history (${has}), so it cannot be deleted: terminate the account instead.`);
  }
  await scope.tx.customer.delete({ where: { id } });
  await audit.record(scope, {
    action: "customer.delete",
    entityType: "Customer",
    entityId: id,
    before: present(before),
  });
}

// ── lists ───────────────────────────────────────────────────────────────────────────────────

/** A search returns at most this many customers; more than that asks the user to narrow it. */
export const SEARCH_LIMIT = 1000;

/**
 * Ids of customers whose tax id or ID document number is exactly the term (by blind index), then
 * those whose search text contains it, at most `limit`. The text search runs through
 * lastmile_customer_search() (see the network_access_and_search migration): under row-level
 * security a plain ILIKE never uses the trigram index, the function can, and it still sees only
 * the current transaction's company.
 */
async function matchingIds(scope: Scope, term: string, limit: number): Promise<string[]> {
  const byIdentifier = identifierMatch(scope.companyId, term);
  const exact = byIdentifier
    ? await scope.tx.customer.findMany({ where: byIdentifier, select: { id: true }, take: limit })
    : [];
  const rows = await scope.tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM lastmile_customer_search(${term}, ${limit}::int)`;
  return [...new Set([...exact, ...rows].map((r) => r.id))].slice(0, limit);
}

/**
 * Customers matching a search term, for other lists that find their rows by customer (tickets,
 * work orders, subscriptions): through the same indexed function, at most SEARCH_LIMIT.
 */
export function idsMatching(scope: Scope, term: string): Promise<string[]> {
  return matchingIds(scope, term, SEARCH_LIMIT);
}

/** The filter as a Prisma condition, and whether the search matched more than SEARCH_LIMIT. */
export async function whereOf(
  scope: Scope,
  f: z.output<typeof customerFilterSchema>,
): Promise<{ where: Prisma.CustomerWhereInput; capped: boolean }> {
  let ids: string[] | undefined;
  if (f.search) ids = await matchingIds(scope, f.search, SEARCH_LIMIT + 1);
  return {
    where: {
      status: f.status,
      type: f.type,
      tags: f.tag ? { has: f.tag } : undefined,
      id: ids ? { in: ids.slice(0, SEARCH_LIMIT) } : undefined,
    },
    capped: ids !== undefined && ids.length > SEARCH_LIMIT,
  };
}

export function orderOf(f: z.output<typeof customerFilterSchema>): Prisma.CustomerOrderByWithRelationInput[] {
  const column = f.sort === "name" ? "searchText" : f.sort;
  return [{ [column]: f.direction }, { accountNumber: f.direction }];
}

export async function list(scope: Scope, input: z.input<typeof listCustomersSchema>) {
  const f = listCustomersSchema.parse(input);
  const { where, capped } = await whereOf(scope, f);
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.customer.count({ where }),
    rows: (window) => scope.tx.customer.findMany({ where, orderBy: orderOf(f), ...window }),
  });
  return {
    ...paging,
    /** True when the search matched more customers than it returns (SEARCH_LIMIT): narrow it. */
    capped,
    rows: rows.map(present),
  };
}

/** Every tag in use, for the filter. */
export async function tags(scope: Scope): Promise<string[]> {
  const rows = await scope.tx.$queryRaw<
    { tag: string }[]
  >`SELECT DISTINCT unnest(tags) AS tag FROM "Customer" ORDER BY tag LIMIT 200`;
  return rows.map((r) => r.tag);
}

/** Whether a customer of this company has the e-mail address (portal sign-up checks this first). */
export async function hasEmail(scope: Scope, email: string): Promise<boolean> {
  return (await scope.tx.customer.count({ where: { email: { equals: email.trim(), mode: "insensitive" } } })) > 0;
}

/**
 * Links a new portal sign-in to the customer staff recorded with the same e-mail (a Customer
 * invitation), when that customer has no sign-in yet. Returns the customer's id, or null when
 * there is no such customer (the portal then says so).
 */
export async function linkPortalUserByEmail(scope: Scope, email: string, userId: string): Promise<string | null> {
  const customer = await scope.tx.customer.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, userId: null },
    select: { id: true },
  });
  if (!customer) return null;
  await linkPortalUser(scope, customer.id, userId);
  return customer.id;
}

/** Links the customer's portal sign-in (self-registration). A user signs in for one customer. */
export async function linkPortalUser(scope: Scope, customerId: string, userId: string) {
  const before = await find(scope, customerId);
  const other = await scope.tx.customer.findUnique({ where: { userId }, select: { id: true } });
  if (other && other.id !== customerId) throw new Conflict("This sign-in already belongs to another customer.");
  await scope.tx.customer.update({ where: { id: customerId }, data: { userId } });
  await audit.record(scope, {
    action: "customer.link_portal_user",
    entityType: "Customer",
    entityId: customerId,
    before: { userId: before.userId },
    after: { userId },
  });
}

// ── erasure (right to be forgotten) ────────────────────────────────────────────────────────

/**
 * Every personal value the customer holds, for the other modules to look for in their text. It
 * reads the presented customer (what get() returns), so sealed fields arrive in clear.
 */
export function personalValuesOf(c: CustomerView): (string | null)[] {
  const digits = (p: string | null) => (p ? p.replace(/\D/g, "") : null);
  return [
    customerDisplayName(c),
    [c.firstName, c.lastName].filter(Boolean).join(" "),
    c.firstName,
    c.lastName,
    c.businessName,
    c.email,
    c.phone,
    digits(c.phone),
    c.altPhone,
    digits(c.altPhone),
    c.serviceAddress,
    c.billingAddress,
    c.idDocumentNumber,
    c.taxId,
  ];
}

/**
 * The customer row for an erasure, locked until the transaction ends: a second erasure of the same
 * customer waits, then finds it erased and changes nothing.
 */
export async function findForErasure(scope: Scope, id: string): Promise<Customer> {
  await scope.tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${id} FOR UPDATE`;
  return find(scope, id);
}

/**
 * Replaces the customer's personal data with placeholders and marks the row erased. The account
 * number, status, dates and links (subscriptions, tickets, the disabled portal sign-in) stay, so
 * invoices and history still add up. The caller (the privacy module) has already anonymised the
 * rows other modules keep about the customer, and records the "customer.erase" audit entry.
 */
export async function erase(scope: Scope, id: string, now = new Date()): Promise<CustomerView> {
  const before = await find(scope, id);
  if (before.erasedAt) return present(before);
  const placeholder = {
    firstName: "Erased",
    lastName: "customer",
    businessName: before.type === "BUSINESS" ? "Erased customer" : null,
  };
  const row = await scope.tx.customer.update({
    where: { id },
    data: {
      ...placeholder,
      email: null,
      phone: null,
      altPhone: null,
      serviceAddress: null,
      serviceLatitude: null,
      serviceLongitude: null,
      billingAddress: null,
      idDocumentType: null,
      // Clears the sealed values and their blind indexes together.
      ...sealIdentifiers(scope.companyId, { taxId: null, idDocumentNumber: null }),
      notes: null,
      tags: [],
      searchText: searchTextOf({
        ...placeholder,
        type: before.type,
        accountNumber: before.accountNumber,
        email: null,
        phone: null,
        altPhone: null,
        serviceAddress: null,
        billingAddress: null,
      } as Parameters<typeof searchTextOf>[0]),
      erasedAt: now,
    },
  });
  return present(row);
}
