import { defineRoute } from "../../api/rest/route";
import { idParams } from "../../lib/schema";
import type { ExportFile } from "./files";
import { exportFormatSchema } from "./schema";
import * as privacy from "./service";

// Data exports over REST: the same files as the console and the portal, as a download.

const query = exportFormatSchema.extend({
  format: exportFormatSchema.shape.format.describe(
    "json: one JSON document; csv: a ZIP archive with one CSV file per record type and a README.",
  ),
});

function download(file: ExportFile): Response {
  const bytes = Buffer.from(file.base64, "base64");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Content-Length": String(bytes.length),
      // Personal data: never kept by a shared cache or the browser's.
      "Cache-Control": "private, no-store",
    },
  });
}

export const exportCustomer = defineRoute({
  method: "GET",
  path: "/api/customers/{id}/export",
  summary: "Export a customer's data",
  description:
    "Everything the company holds about one customer (right of access): profile, contacts, consents, portal account, subscriptions, service requests, tickets with all their messages, work orders, monthly usage, RADIUS sessions and the audit entries about them. Audited.",
  tags: ["Customers", "Data protection"],
  auth: "bearer",
  permission: "privacy:export",
  params: idParams("The customer's id."),
  query,
  produces: ["application/json", "application/zip"],
  handler: async ({ scope, params, query }) =>
    download(await privacy.exportCustomer(scope, { id: params.id, format: query.format })),
});

export const exportMine = defineRoute({
  method: "GET",
  path: "/api/me/export",
  summary: "Export my data (customers)",
  description:
    "For a customer's own token: the data the provider holds about them, as the portal's \"Download my data\" gives it (internal staff notes left out). Audited.",
  tags: ["Data protection"],
  auth: "bearer",
  permission: "portal:access",
  query,
  produces: ["application/json", "application/zip"],
  handler: async ({ scope, viewer, query }) => download(await privacy.exportOwn(scope, viewer.userId, query)),
});
