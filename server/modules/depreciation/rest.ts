import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import { ASSET_STATUSES } from "../inventory/schema";
import { bookValuesSchema, DISPOSAL_KINDS, METHODS, reportSchema } from "./schema";
import * as service from "./service";

// REST endpoints of depreciation, for the finance side's integrations (an accounting package, a
// fixed-asset register): each unit's book value today, one unit's monthly schedule, and the
// charge per category and month. The CSV for the accounting package stays where it was
// (/inventory/depreciation.csv). Read-only: the rules and disposals are set in the console.

const minor = (what: string) => z.number().int().describe(`${what}, in minor units of the company's currency.`);
const item = z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string() });
const asOf = z.string().describe("The company's today (YYYY-MM-DD): the date the book values are at.");

export const bookValues = defineRoute({
  method: "GET",
  path: "/api/inventory/depreciation/assets",
  summary: "Book values of the equipment",
  description:
    "Every serial-tracked unit with its cost, the rule that depreciates it, months elapsed, accumulated depreciation and book value today, by serial. Units whose category has no rule are carried at cost (`rule` null).",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  query: queryOf(bookValuesSchema),
  response: pageSchema(
    z.object({
      id: z.string(),
      serial: z.string(),
      item,
      status: z.enum(ASSET_STATUSES),
      startedOn: z.string().describe("Purchase date, or the day it was received."),
      costMinor: minor("Purchase cost"),
      rule: z.string().nullable().describe("The rule in words; null: carried at cost."),
      monthsElapsed: z.number().int(),
      accumulatedMinor: minor("Accumulated depreciation"),
      bookValueMinor: minor("Book value (0 once disposed of)"),
      disposedOn: z.string().nullable(),
    }),
  ).extend({ asOf, currency: z.string() }),
  handler: ({ scope, query }) => service.bookValues(scope, query),
});

export const assetSchedule = defineRoute({
  method: "GET",
  path: "/api/inventory/depreciation/assets/{id}",
  summary: "A unit's depreciation schedule",
  description:
    "One unit's whole schedule, month by month: the charge, accumulated depreciation and book value, which months are posted by today, the rule applied and the disposal with its gain or loss.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  params: idParams("The unit's id (from the lookup by serial)."),
  response: z.object({
    asOf,
    currency: z.string(),
    asset: z.object({
      id: z.string(),
      serial: z.string(),
      item,
      status: z.enum(ASSET_STATUSES),
      costMinor: minor("Purchase cost"),
      startedOn: z.string(),
      firstMonth: z.string().describe("The first month charged (YYYY-MM)."),
    }),
    rule: z
      .object({
        source: z.enum(["item", "category"]).describe("The item's own rule, or its category's."),
        method: z.enum(METHODS),
        usefulLifeMonths: z.number().int(),
        salvageBp: z.number().int().describe("Salvage value in basis points of cost."),
        salvageMinor: minor("Salvage value"),
        text: z.string(),
      })
      .nullable(),
    monthsElapsed: z.number().int(),
    accumulatedMinor: minor("Accumulated depreciation"),
    bookValueMinor: minor("Book value today"),
    replacedOn: z.string().nullable().describe("Replaced under warranty on this day: off the books since."),
    explanation: z.string().describe("How the book value was reached, in words."),
    rows: z.array(
      z.object({
        month: z.string(),
        postedOn: z.string().describe("The month's last day, when its charge is posted."),
        chargeMinor: minor("The month's charge"),
        accumulatedMinor: minor("Accumulated depreciation after the month"),
        bookValueMinor: minor("Book value after the month"),
        posted: z.boolean(),
        disposed: z.boolean().describe("After the disposal: not charged."),
      }),
    ),
    disposal: z
      .object({
        kind: z.enum(DISPOSAL_KINDS),
        disposedOn: z.string(),
        proceedsMinor: minor("Proceeds"),
        bookValueMinor: minor("Book value at disposal"),
        gainMinor: minor("Gain (negative: loss)"),
        reason: z.string().nullable(),
      })
      .nullable(),
  }),
  handler: ({ scope, params }) => service.assetSchedule(scope, { assetId: params.id }),
});

export const summary = defineRoute({
  method: "GET",
  path: "/api/inventory/depreciation/summary",
  summary: "Depreciation per category and month",
  description:
    "The charge of each category in each month from `from` to `to` (at most 36 months), with each category's units, cost, accumulated depreciation and book value today, the totals, and the units disposed of in the period with their gain or loss.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  query: queryOf(reportSchema),
  response: z.object({
    asOf,
    currency: z.string(),
    months: z.array(z.string()),
    categories: z.array(
      z.object({
        category: z.string(),
        rule: z.string().nullable(),
        units: z.number().int(),
        costMinor: minor("Cost"),
        accumulatedMinor: minor("Accumulated depreciation"),
        bookValueMinor: minor("Book value"),
        charges: z.array(z.number().int()).describe("The charge of each month in `months`, in minor units."),
        totalMinor: minor("The charges over the period"),
      }),
    ),
    totals: z.object({
      units: z.number().int(),
      costMinor: minor("Cost"),
      accumulatedMinor: minor("Accumulated depreciation"),
      bookValueMinor: minor("Book value"),
      charges: z.array(z.number().int()),
      totalMinor: minor("The charges over the period"),
    }),
    disposals: z
      .array(
        z.object({
          id: z.string(),
          asset: z.object({ id: z.string(), serial: z.string(), item: z.string(), category: z.string() }),
          kind: z.enum(DISPOSAL_KINDS),
          kindLabel: z.string(),
          disposedOn: z.string().describe("YYYY-MM-DD"),
          costMinor: minor("Cost"),
          accumulatedMinor: minor("Accumulated depreciation at disposal"),
          bookValueMinor: minor("Book value at disposal"),
          proceedsMinor: minor("Proceeds (0 when scrapped or lost)"),
          gainMinor: z.number().int().describe("Proceeds less book value, in minor units: negative is a loss."),
          ruleText: z.string(),
          reason: z.string().nullable(),
        }),
      )
      .describe("Units that left the books in the period: sold, scrapped, or lost (not found by a stock count)."),
  }),
  handler: ({ scope, query }) => service.report(scope, query),
});
