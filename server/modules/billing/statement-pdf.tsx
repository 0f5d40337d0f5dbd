import { Document, Page, renderToBuffer, Text, View } from "@react-pdf/renderer";
import { Field, IssuerHeader, PaymentInstructions, styles } from "./pdf";
import { documentDate, printMoney } from "./print";
import type { Statement } from "./statement";
import { formatAccountNumber } from "../customers/schema";

// The statement of account as a PDF: the opening balance, each document with the running
// balance, and the balance at the end of the range.

const COLS = { date: "14%", reference: "16%", what: "28%", debit: "14%", credit: "14%", balance: "14%" } as const;

function Cell({ width, children, right }: { width: string; children: string; right?: boolean }) {
  return (
    <View style={{ width, paddingRight: right ? 0 : 4 }}>
      <Text style={right ? styles.right : {}}>{children}</Text>
    </View>
  );
}

export function StatementPdf({ statement: s }: { statement: Statement }) {
  const money = (minor: number) => printMoney(minor, s.currency);
  return (
    <Document title={`Statement ${s.customer.accountNumber}`} author={s.issuer.name}>
      <Page size="A4" style={styles.page}>
        <IssuerHeader issuer={s.issuer} title="STATEMENT OF ACCOUNT">
          <Field label="From" value={documentDate(s.from)} />
          <Field label="To" value={documentDate(s.to)} />
          <Field label="Account number" value={formatAccountNumber(s.customer.accountNumber)} />
        </IssuerHeader>
        <View style={[styles.section, styles.box, { width: "55%" }]}>
          <Text style={styles.bold}>{s.customer.name}</Text>
          {s.customer.address ? <Text>{s.customer.address}</Text> : null}
          <Text>Account number: {formatAccountNumber(s.customer.accountNumber)}</Text>
        </View>
        <View style={styles.section}>
          <View style={[styles.row, styles.th]} fixed>
            <Cell width={COLS.date}>Date</Cell>
            <Cell width={COLS.reference}>Reference</Cell>
            <Cell width={COLS.what}>Details</Cell>
            <Cell width={COLS.debit} right>
              Charges
            </Cell>
            <Cell width={COLS.credit} right>
              Payments
            </Cell>
            <Cell width={COLS.balance} right>
              Balance
            </Cell>
          </View>
          <View style={styles.tr}>
            <Cell width={COLS.date}>{documentDate(s.from)}</Cell>
            <Cell width={COLS.reference}>-</Cell>
            <Cell width={COLS.what}>Opening balance</Cell>
            <Cell width={COLS.debit} right>
              -
            </Cell>
            <Cell width={COLS.credit} right>
              -
            </Cell>
            <Cell width={COLS.balance} right>
              {money(s.openingMinor)}
            </Cell>
          </View>
          {s.entries.map((e, i) => (
            <View key={`${e.reference}-${i}`} style={styles.tr} wrap={false}>
              <Cell width={COLS.date}>{documentDate(e.date)}</Cell>
              <Cell width={COLS.reference}>{e.reference}</Cell>
              <Cell width={COLS.what}>{e.description.replace(/\d{4}-\d{2}-\d{2}/, (d) => documentDate(d))}</Cell>
              <Cell width={COLS.debit} right>
                {e.debitMinor ? money(e.debitMinor) : "-"}
              </Cell>
              <Cell width={COLS.credit} right>
                {e.creditMinor ? money(e.creditMinor) : "-"}
              </Cell>
              <Cell width={COLS.balance} right>
                {money(e.balanceMinor)}
              </Cell>
            </View>
          ))}
          {s.entries.length === 0 ? (
            <Text style={[styles.muted, { marginTop: 6 }]}>No invoices or payments in this period.</Text>
          ) : null}
        </View>
        <View style={[styles.section, { marginLeft: "55%" }]} wrap={false}>
          <View style={styles.between}>
            <Text>Opening balance</Text>
            <Text>{money(s.openingMinor)}</Text>
          </View>
          <View style={styles.between}>
            <Text>Charges</Text>
            <Text>{money(s.debitsMinor)}</Text>
          </View>
          <View style={styles.between}>
            <Text>Payments and credits</Text>
            <Text>{money(s.creditsMinor)}</Text>
          </View>
          <View style={[styles.between, styles.bold]}>
            <Text>Balance on {documentDate(s.to)}</Text>
            <Text>{money(s.closingMinor)}</Text>
          </View>
        </View>
        <PaymentInstructions issuer={s.issuer} accountNumber={s.customer.accountNumber} />
      </Page>
    </Document>
  );
}

export async function renderStatementPdf(statement: Statement): Promise<Buffer> {
  return renderToBuffer(<StatementPdf statement={statement} />);
}

export const statementFileName = (s: Statement) => `statement-${s.customer.accountNumber}-${s.from}-to-${s.to}.pdf`;
