import { z } from "zod";
import { defineRoute, Reply } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import { createOnce, IDEMPOTENCY_CONFLICT, IDEMPOTENCY_DESCRIPTION, idempotencyHeaders } from "../idempotency/service";
import * as history from "./history";
import { createCustomerSchema, customerDetailsSchema, customerSelfSchema, listCustomersSchema } from "./schema";
import * as customers from "./service";

// REST endpoints of the customers module; the rules live in service.ts, shared with tRPC.

const timestamp = z.iso.datetime();
const params = idParams("The customer's id.");

const customer = customerSelfSchema.extend({
  accountNumber: z.number().int().describe("The per-company account number."),
  taxId: z.string().nullable(),
  serviceLatitude: z.number().nullable(),
  serviceLongitude: z.number().nullable(),
  idDocumentType: z.string().nullable(),
  idDocumentNumber: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const list = defineRoute({
  method: "GET",
  path: "/api/customers",
  summary: "List customers",
  description: "The company's customers (subscribers), a page at a time, with search and filters.",
  tags: ["Customers"],
  auth: "bearer",
  permission: "customers:read",
  query: queryOf(listCustomersSchema),
  response: pageSchema(customer),
  handler: ({ scope, query }) => customers.list(scope, query),
});

export const create = defineRoute({
  method: "POST",
  path: "/api/customers",
  summary: "Create a customer",
  description: `Registers a customer and gives it the next account number. A business needs a business name; an e-mail address may belong to one customer only. ${IDEMPOTENCY_DESCRIPTION}`,
  tags: ["Customers"],
  auth: "bearer",
  permission: "customers:create",
  body: createCustomerSchema,
  response: customer,
  status: 201,
  headers: idempotencyHeaders,
  errors: { 409: `Another customer already uses this e-mail address. Or: ${IDEMPOTENCY_CONFLICT}` },
  handler: ({ scope, body, req }) =>
    createOnce(scope, req, "POST /api/customers", body, () => customers.create(scope, body)),
});

export const get = defineRoute({
  method: "GET",
  path: "/api/customers/{id}",
  summary: "Get a customer",
  tags: ["Customers"],
  auth: "bearer",
  permission: "customers:read",
  params,
  response: customer,
  handler: ({ scope, params }) => customers.get(scope, params.id),
});

export const update = defineRoute({
  method: "PUT",
  path: "/api/customers/{id}",
  summary: "Update a customer",
  description:
    "Replaces the customer's editable details (send every field; omitted optional fields are cleared). The status has its own action in the console.",
  tags: ["Customers"],
  auth: "bearer",
  permission: "customers:update",
  params,
  body: customerDetailsSchema,
  response: customer,
  errors: { 409: "Another customer already uses this e-mail address." },
  handler: ({ scope, params, body }) => customers.update(scope, { ...body, id: params.id }),
});

export const remove = defineRoute({
  method: "DELETE",
  path: "/api/customers/{id}",
  summary: "Delete a customer",
  description:
    "Only a customer without history can be deleted; one with subscriptions, service requests or a converted lead is terminated instead.",
  tags: ["Customers"],
  auth: "bearer",
  permission: "customers:delete",
  params,
  status: 204,
  errors: { 409: "The customer has history: terminate the account instead." },
  handler: async ({ scope, params }) => {
    await customers.remove(scope, params.id);
    return new Reply(204, undefined);
  },
});

const bytes = z.number().int().describe("Bytes.");

export const usage = defineRoute({
  method: "GET",
  path: "/api/customers/{id}/usage",
  summary: "A customer's data usage",
  description:
    "Daily totals over all the customer's subscriptions, and totals per billing cycle (calendar month, UTC). Empty until usage is ingested.",
  tags: ["Customers"],
  auth: "bearer",
  permission: "customers:read",
  params,
  query: z.object({
    from: z.iso.date().optional().describe("First day (YYYY-MM-DD); default 90 days before `to`."),
    to: z.iso.date().optional().describe("Last day (YYYY-MM-DD); default today."),
  }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    daily: z.array(z.object({ day: z.string(), downloadBytes: bytes, uploadBytes: bytes })),
    cycles: z.array(z.object({ cycle: z.string().describe("YYYY-MM"), downloadBytes: bytes, uploadBytes: bytes })),
  }),
  handler: ({ scope, params, query }) =>
    history.usage(scope, params.id, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    }),
});
