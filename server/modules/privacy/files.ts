import { toCsv } from "../../lib/csv";
import { zip } from "../../lib/zip";
import type { CustomerDataExport } from "./collect";
import type { ExportFormat } from "./schema";

// The export as a file. JSON: the whole document, nested as it is. CSV: a ZIP with one CSV per
// record type (a data-protection officer opens "tickets.csv" and "ticket-messages.csv" as plain
// tables, rather than one sheet whose columns change meaning by row), each written by the shared
// CSV writer so no cell can carry a spreadsheet formula, and a README saying what each file is.

export interface ExportFile {
  filename: string;
  contentType: string;
  /** The file's bytes, base64-encoded (so tRPC can carry a ZIP). */
  base64: string;
}

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, unknown>;

/** A cell as text: nested values (audit snapshots) as JSON, the rest as they are. */
const cell = (v: unknown): Cell =>
  v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean"
    ? v
    : JSON.stringify(v);

function table(rows: readonly Row[], fields?: readonly string[]): string {
  const cols = fields ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return toCsv(
    cols,
    rows.map((r) => cols.map((c) => cell(r[c]))),
  );
}

/** One record as two columns (field, value): how a profile reads best in a spreadsheet. */
const fieldValue = (record: Row | null) =>
  table(
    Object.entries(record ?? {}).map(([field, value]) => ({ field, value })),
    ["field", "value"],
  );

const README = `This archive holds everything the provider keeps about one customer, one CSV file per kind of record.
Dates and times are UTC (ISO 8601). Byte counts are whole bytes.
Amounts are in minor units of the invoice's currency (cents); tax rates in basis points (1600 = 16 %).
An empty file means there are no such records.

export.csv            who exported what, and when
profile.csv           the customer record (field, value)
contacts.csv          e-mail addresses, phone numbers and addresses
consents.csv          contact and billing preferences the customer chose
portal-account.csv    the customer portal sign-in (field, value), if any
subscriptions.csv     services, with their package and dates
service-requests.csv  changes asked for (upgrade, relocation, termination...)
tickets.csv           support tickets
ticket-messages.csv   the messages on those tickets (ticket number in the first column)
work-orders.csv       visits by field technicians
usage-monthly.csv     data used per subscription per calendar month
radius-sessions.csv   network sessions (start, end, duration, data, addresses)
invoices.csv          invoices issued to the customer
invoice-lines.csv     the charges on those invoices (invoice number in the first column)
invoice-line-taxes.csv  the taxes on each charge (invoice number and line position first)
tax-exemptions.csv    taxes the customer does not pay, with the certificate that says so
payment-arrangements.csv  promises to pay and instalment plans (instalments as "date amount; ...")
payment-notices.csv   reminders, suspension and restore notices sent about unpaid invoices
audit-entries.csv     the record of changes about this customer
`;

export function csvFiles(data: CustomerDataExport): { name: string; data: string }[] {
  const staffOnly =
    data.export.audience === "staff" && "staffNotes" in data
      ? [
          {
            name: "staff-notes.csv",
            data: fieldValue({ notes: data.staffNotes?.notes, tags: data.staffNotes?.tags.join("; ") }),
          },
          { name: "lead.csv", data: fieldValue(data.lead ?? null) },
        ]
      : [];
  return [
    { name: "README.txt", data: README },
    { name: "export.csv", data: fieldValue(data.export) },
    { name: "profile.csv", data: fieldValue(data.profile) },
    { name: "contacts.csv", data: table(data.contacts, ["kind", "value"]) },
    { name: "consents.csv", data: table(data.consents, ["name", "value", "meaning"]) },
    { name: "portal-account.csv", data: fieldValue(data.portalAccount) },
    { name: "subscriptions.csv", data: table(data.subscriptions) },
    { name: "service-requests.csv", data: table(data.serviceRequests) },
    {
      name: "tickets.csv",
      data: table(
        data.tickets.map(({ messages: _m, files, ...t }) => ({
          ...t,
          files: files.map((f) => f.fileName).join("; "),
        })),
      ),
    },
    {
      name: "ticket-messages.csv",
      data: table(data.tickets.flatMap((t) => t.messages.map((m) => ({ ticket: t.number, ...m })))),
    },
    { name: "work-orders.csv", data: table(data.workOrders) },
    {
      name: "usage-monthly.csv",
      data: table(data.usage, ["subscriptionId", "month", "days", "downloadBytes", "uploadBytes"]),
    },
    { name: "radius-sessions.csv", data: table(data.radiusSessions) },
    { name: "invoices.csv", data: table(data.invoices.map(({ lines: _l, ...i }) => i)) },
    {
      name: "invoice-lines.csv",
      data: table(data.invoices.flatMap((i) => i.lines.map(({ taxes: _t, ...l }) => ({ invoice: i.number, ...l })))),
    },
    {
      name: "invoice-line-taxes.csv",
      data: table(
        data.invoices.flatMap((i) =>
          i.lines.flatMap((l) => l.taxes.map((t) => ({ invoice: i.number, line: l.position, ...t }))),
        ),
      ),
    },
    { name: "tax-exemptions.csv", data: table(data.taxExemptions) },
    { name: "payment-arrangements.csv", data: table(data.paymentArrangements) },
    { name: "payment-notices.csv", data: table(data.dunningNotices) },
    { name: "audit-entries.csv", data: table(data.auditEntries) },
    ...staffOnly,
  ];
}

export function exportFile(data: CustomerDataExport, format: ExportFormat): ExportFile {
  const base = `${data.export.accountNo.toLowerCase()}-data-${data.export.exportedAt.slice(0, 10)}`;
  if (format === "json")
    return {
      filename: `${base}.json`,
      contentType: "application/json",
      base64: Buffer.from(JSON.stringify(data, null, 2), "utf8").toString("base64"),
    };
  return {
    filename: `${base}-csv.zip`,
    contentType: "application/zip",
    base64: zip(csvFiles(data), new Date(data.export.exportedAt)).toString("base64"),
  };
}
