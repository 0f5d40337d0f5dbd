import { Document, Font, Image, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import type { InvoiceDocument, Issuer, UsageRow } from "./document";
import { documentDate, gigabytes, printMoney } from "./print";
import { INVOICE_STATUS_LABELS } from "./schema";
import { formatAccountNumber } from "../customers/schema";

// The invoice as a PDF (A4, the built-in Helvetica so nothing is fetched). Every amount comes from
// the invoice as issued; each line carries the rule that produced it, so a customer can check
// every number. Shared pieces (header, payment instructions, dates) also serve the statement.

// Words wrap whole: a hyphen inside an invoice number or an amount would change what it says.
Font.registerHyphenationCallback((word) => [word]);

export const styles = StyleSheet.create({
  page: { padding: 36, fontSize: 9, fontFamily: "Helvetica", color: "#18181b" },
  row: { flexDirection: "row" },
  between: { flexDirection: "row", justifyContent: "space-between" },
  companyName: { fontSize: 16, fontFamily: "Helvetica-Bold", color: "#4f46e5" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", textAlign: "right" },
  muted: { color: "#71717a" },
  small: { fontSize: 7.5, color: "#52525b" },
  bold: { fontFamily: "Helvetica-Bold" },
  section: { marginTop: 16 },
  heading: { fontSize: 10, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  th: { fontFamily: "Helvetica-Bold", borderBottomWidth: 1, borderColor: "#a1a1aa", paddingBottom: 3 },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#e4e4e7", paddingVertical: 4 },
  right: { textAlign: "right" },
  box: { borderWidth: 0.5, borderColor: "#d4d4d8", padding: 8, borderRadius: 3 },
});

const rate = (bps: number) => `${bps / 100}%`;
const period = (start: Date | string | null, end: Date | string | null) =>
  start ? `${documentDate(start)} - ${documentDate(end)}` : "";

export function IssuerHeader({ issuer, title, children }: { issuer: Issuer; title: string; children?: ReactNode }) {
  return (
    <View style={styles.between}>
      <View style={{ maxWidth: "55%" }}>
        {issuer.logo ? (
          // Fits a 160 × 56 pt box whatever the file's own size, keeping its proportions. A PDF
          // image of @react-pdf has no alt text (the company's name is printed beside it).
          // eslint-disable-next-line jsx-a11y/alt-text
          <Image src={issuer.logo} style={{ maxWidth: 160, maxHeight: 56, objectFit: "contain", marginBottom: 6 }} />
        ) : null}
        <Text style={styles.companyName}>{issuer.name}</Text>
        {issuer.address ? <Text style={{ marginTop: 4 }}>{issuer.address}</Text> : null}
        {issuer.taxNumber ? <Text style={{ marginTop: 2 }}>Tax number: {issuer.taxNumber}</Text> : null}
      </View>
      <View style={{ maxWidth: "42%" }}>
        <Text style={styles.title}>{title}</Text>
        {children}
      </View>
    </View>
  );
}

export function Field({ label, value }: { label: string; value: string }) {
  return (
    <View style={[styles.between, { marginTop: 2 }]}>
      <Text style={[styles.muted, { marginRight: 12 }]}>{label}</Text>
      <Text style={styles.right}>{value}</Text>
    </View>
  );
}

/** How to pay: M-Pesa paybill with the account number, till, bank transfer; or where to ask. */
export function PaymentInstructions({ issuer, accountNumber }: { issuer: Issuer; accountNumber: number }) {
  const anything = issuer.mpesaPaybill || issuer.mpesaTill || issuer.bankDetails;
  return (
    <View style={[styles.section, styles.box]} wrap={false}>
      <Text style={styles.heading}>How to pay</Text>
      {issuer.mpesaPaybill ? (
        <Text>
          M-Pesa: Lipa na M-Pesa, Pay Bill, business number {issuer.mpesaPaybill}, account number{" "}
          {formatAccountNumber(accountNumber)}.
        </Text>
      ) : null}
      {issuer.mpesaTill ? <Text>M-Pesa: Buy Goods, till number {issuer.mpesaTill}.</Text> : null}
      {issuer.bankDetails ? (
        <Text style={{ marginTop: 2 }}>
          Bank transfer: {issuer.bankDetails} Reference: account {formatAccountNumber(accountNumber)}.
        </Text>
      ) : null}
      {!anything ? (
        <Text>
          Contact {issuer.name} for payment options, quoting account {formatAccountNumber(accountNumber)}.
        </Text>
      ) : null}
      <Text style={[styles.small, { marginTop: 4 }]}>You can also pay online from the customer portal.</Text>
    </View>
  );
}

const COLS = { what: "44%", qty: "8%", unit: "12%", discount: "11%", tax: "11%", amount: "14%" } as const;

function Cell({
  width,
  children,
  right,
  bold,
}: {
  width: string;
  children: ReactNode;
  right?: boolean;
  bold?: boolean;
}) {
  return (
    <View style={{ width, paddingRight: right ? 0 : 4 }}>
      <Text style={[right ? styles.right : {}, bold ? styles.bold : {}]}>{children}</Text>
    </View>
  );
}

function Total({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <View style={[styles.between, { marginTop: 2 }, strong ? styles.bold : {}]}>
      <Text>{label}</Text>
      <Text>{value}</Text>
    </View>
  );
}

function UsageSummary({ rows }: { rows: UsageRow[] }) {
  if (rows.length === 0) return null;
  return (
    <View style={styles.section} wrap={false}>
      <Text style={styles.heading}>Usage summary</Text>
      <View style={[styles.row, styles.th]}>
        <Cell width="34%">Service</Cell>
        <Cell width="26%">Period</Cell>
        <Cell width="13%" right>
          Download
        </Cell>
        <Cell width="13%" right>
          Upload
        </Cell>
        <Cell width="14%" right>
          Total
        </Cell>
      </View>
      {rows.map((u) => (
        <View key={u.subscriptionId} style={styles.tr}>
          <Cell width="34%">{u.description}</Cell>
          <Cell width="26%">{`${period(u.periodStart, u.periodEnd)} (${u.activeDays} days online)`}</Cell>
          <Cell width="13%" right>
            {gigabytes(u.downloadBytes)}
          </Cell>
          <Cell width="13%" right>
            {gigabytes(u.uploadBytes)}
          </Cell>
          <Cell width="14%" right>
            {gigabytes(u.downloadBytes + u.uploadBytes)}
          </Cell>
        </View>
      ))}
    </View>
  );
}

export function InvoicePdf({ doc }: { doc: InvoiceDocument }) {
  const { invoice, issuer, usage } = doc;
  const money = (minor: number) => printMoney(minor, invoice.currency);
  const customer = invoice.customer;
  const address = customer.billingAddress ?? customer.serviceAddress;
  return (
    <Document title={`Invoice ${invoice.displayNumber}`} author={issuer.name}>
      <Page size="A4" style={styles.page}>
        <IssuerHeader issuer={issuer} title={invoice.status === "VOID" ? "INVOICE (VOID)" : "INVOICE"}>
          <Field label="Invoice number" value={invoice.displayNumber} />
          <Field label="Issue date" value={documentDate(invoice.issueDate)} />
          <Field label="Due date" value={documentDate(invoice.dueDate)} />
          {invoice.periodStart ? (
            <Field label="Service period" value={period(invoice.periodStart, invoice.periodEnd)} />
          ) : null}
          <Field label="Status" value={INVOICE_STATUS_LABELS[invoice.overdue ? "OVERDUE" : invoice.status]} />
        </IssuerHeader>

        <View style={[styles.section, styles.box, { width: "55%" }]}>
          <Text style={styles.muted}>Bill to</Text>
          <Text style={styles.bold}>{customer.name}</Text>
          {address ? <Text>{address}</Text> : null}
          <Text>Account number: {formatAccountNumber(customer.accountNumber)}</Text>
          {invoice.customerTaxNumber ? <Text>Tax number: {invoice.customerTaxNumber}</Text> : null}
        </View>

        <View style={styles.section}>
          <View style={[styles.row, styles.th]} fixed>
            <Cell width={COLS.what}>Description</Cell>
            <Cell width={COLS.qty} right>
              Qty
            </Cell>
            <Cell width={COLS.unit} right>
              Unit price
            </Cell>
            <Cell width={COLS.discount} right>
              Discount
            </Cell>
            <Cell width={COLS.tax} right>
              Tax
            </Cell>
            <Cell width={COLS.amount} right>
              Amount
            </Cell>
          </View>
          {invoice.lines.map((line) => (
            <View key={line.id} style={styles.tr} wrap={false}>
              <View style={{ width: COLS.what, paddingRight: 6 }}>
                <Text style={styles.bold}>{line.description}</Text>
                {line.periodStart ? (
                  <Text style={styles.small}>Period: {period(line.periodStart, line.periodEnd)}</Text>
                ) : null}
                {line.kind === "OVERAGE" && line.usedMb !== null ? (
                  <Text style={styles.small}>
                    Usage: {line.usedMb} MB used, {line.includedMb ?? 0} MB included
                  </Text>
                ) : null}
                <Text style={styles.small}>How it was worked out: {line.rule}</Text>
              </View>
              <Cell width={COLS.qty} right>
                {line.kind === "OVERAGE" ? `${line.quantity} MB` : String(line.quantity)}
              </Cell>
              <Cell width={COLS.unit} right>
                {money(line.unitPriceMinor)}
              </Cell>
              <Cell width={COLS.discount} right>
                {line.discountMinor ? `-${money(line.discountMinor)}` : "—"}
              </Cell>
              <Cell width={COLS.tax} right>
                {money(line.taxMinor)}
              </Cell>
              <Cell width={COLS.amount} right>
                {money(line.totalMinor)}
              </Cell>
            </View>
          ))}
        </View>

        <View style={[styles.section, styles.between]} wrap={false}>
          <View style={{ width: "48%" }}>
            <Text style={styles.heading}>Tax summary</Text>
            {invoice.taxSummary.length === 0 ? <Text style={styles.muted}>No tax on this invoice.</Text> : null}
            {invoice.taxSummary.map((t) => (
              <View key={`${t.name}|${t.rateBps}`} style={[styles.between, { marginTop: 2 }]}>
                <Text>
                  {t.name} {rate(t.rateBps)} on {money(t.taxableMinor)}
                </Text>
                <Text>{money(t.taxMinor)}</Text>
              </View>
            ))}
            <Text style={[styles.small, { marginTop: 4 }]}>
              Prices {invoice.taxMode === "INCLUSIVE" ? "include" : "exclude"} tax; amounts rounded{" "}
              {invoice.roundingMode === "HALF_EVEN" ? "half to even" : "half up"} per line.
            </Text>
          </View>
          <View style={{ width: "42%" }}>
            <Total label="Subtotal (without tax)" value={money(invoice.subtotalMinor)} />
            {invoice.discountMinor ? <Total label="Discounts included" value={money(invoice.discountMinor)} /> : null}
            <Total label="Tax" value={money(invoice.taxMinor)} />
            <Total label="Total" value={money(invoice.totalMinor)} strong />
            <Total label="Amount paid" value={money(invoice.amountPaidMinor)} />
            {invoice.creditedMinor ? <Total label="Credit notes" value={money(invoice.creditedMinor)} /> : null}
            <Total label="Balance due" value={money(invoice.balanceMinor)} strong />
          </View>
        </View>

        {invoice.status === "VOID" ? (
          <Text style={[styles.section, styles.bold]}>
            This invoice was voided{invoice.voidReason ? `: ${invoice.voidReason}` : ""}. Nothing is owed on it.
          </Text>
        ) : (
          <PaymentInstructions issuer={issuer} accountNumber={customer.accountNumber} />
        )}
        <UsageSummary rows={usage} />
        <Text
          style={[styles.small, { position: "absolute", bottom: 20, left: 36, right: 36, textAlign: "center" }]}
          render={({ pageNumber, totalPages }) =>
            `${issuer.name} · Invoice ${invoice.displayNumber} · Page ${pageNumber} of ${totalPages}`
          }
          fixed
        />
      </Page>
    </Document>
  );
}

/** The invoice's PDF file. */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  return renderToBuffer(<InvoicePdf doc={doc} />);
}
