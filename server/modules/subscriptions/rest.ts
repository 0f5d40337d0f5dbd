import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { createSubscriptionSchema, PROVISIONING_STATES, SUBSCRIPTION_STATUSES } from "./schema";
import * as subscriptions from "./service";

// REST endpoints of the subscriptions module: subscribing a customer to a package. The path
// hangs under the package (/api/packages/{id}/subscribe) because that is what the caller holds;
// the rules are the subscriptions service's, shared with tRPC.

const timestamp = z.iso.datetime();
const int = z.number().int();
const params = z.object({ id: z.string().min(1).max(64).describe("The package id.") });

const subscriptionResponse = z.object({
  id: z.string(),
  customerId: z.string(),
  packageId: z.string(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  quantity: int,
  startDate: z.string(),
  contractEndDate: z.string().nullable(),
  pppoeUsername: z.string().nullable(),
  pppoePassword: z
    .string()
    .nullable()
    .describe("The PPPoE password, shown this once; store it or regenerate it later."),
  staticIp: z.string().nullable(),
  installationAddress: z.string().nullable(),
  cpeSerial: z.string().nullable(),
  provisioning: z.enum(PROVISIONING_STATES),
  createdAt: timestamp,
});

export const subscribe = defineRoute({
  method: "POST",
  path: "/api/packages/{id}/subscribe",
  summary: "Subscribe a customer to a package",
  description:
    "Creates a PENDING subscription. PPPoE, fibre and corporate packages get a PPPoE username (given, or from the account number) and a generated password, returned once.",
  tags: ["Packages"],
  auth: "bearer",
  permission: "subscriptions:manage",
  params,
  body: createSubscriptionSchema.omit({ packageId: true }),
  response: subscriptionResponse,
  status: 201,
  errors: { 409: "The package is archived, or the PPPoE username or static IP is taken." },
  handler: async ({ scope, params, body }) => {
    const { subscription: s, pppoePassword } = await subscriptions.create(scope, { ...body, packageId: params.id });
    return {
      ...s,
      startDate: s.startDate.toISOString().slice(0, 10),
      contractEndDate: s.contractEndDate?.toISOString().slice(0, 10) ?? null,
      pppoePassword,
    };
  },
});
