import { Document, Font, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatMoney } from "../../lib/money";
import type { PurchaseOrderView } from "./purchase-orders";

// A purchase order as a PDF (A4, the built-in Helvetica so nothing is fetched), for the supplier.

Font.registerHyphenationCallback((word) => [word]);

const styles = StyleSheet.create({
  page: { padding: 36, fontSize: 9, fontFamily: "Helvetica", color: "#18181b" },
  between: { flexDirection: "row", justifyContent: "space-between" },
  companyName: { fontSize: 16, fontFamily: "Helvetica-Bold", color: "#4f46e5" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", textAlign: "right" },
  muted: { color: "#71717a" },
  section: { marginTop: 16 },
  th: { fontFamily: "Helvetica-Bold", borderBottomWidth: 1, borderColor: "#a1a1aa", paddingBottom: 3 },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#e4e4e7", paddingVertical: 4 },
  right: { textAlign: "right" },
  bold: { fontFamily: "Helvetica-Bold" },
});

const cols = { sku: "18%", name: "42%", qty: "10%", unit: "15%", total: "15%" } as const;
/** Amounts with a plain space: @react-pdf's Helvetica has no no-break space glyph. */
const money = (minor: number, currency: string) => formatMoney(minor, currency).replace(/\s/g, " ");

function PurchaseOrderPdf({
  po,
  companyName,
  currency,
}: {
  po: PurchaseOrderView;
  companyName: string;
  currency: string;
}) {
  return (
    <Document title={`Purchase order ${po.numberLabel}`} author={companyName}>
      <Page size="A4" style={styles.page}>
        <View style={styles.between}>
          <View>
            <Text style={styles.companyName}>{companyName}</Text>
          </View>
          <View>
            <Text style={styles.title}>Purchase order {po.numberLabel}</Text>
            <Text style={[styles.right, styles.muted, { marginTop: 4 }]}>
              Date {po.createdAt.toISOString().slice(0, 10)}
              {po.expectedOn ? ` · wanted by ${po.expectedOn}` : ""}
            </Text>
          </View>
        </View>
        <View style={styles.section}>
          <Text style={styles.bold}>To {po.supplier.name}</Text>
          {po.supplier.contactName ? <Text>Attn. {po.supplier.contactName}</Text> : null}
          {po.supplier.email ? <Text>{po.supplier.email}</Text> : null}
          {po.supplier.phone ? <Text>{po.supplier.phone}</Text> : null}
        </View>
        <View style={styles.section}>
          <View style={[styles.tr, styles.th]}>
            <Text style={{ width: cols.sku }}>SKU</Text>
            <Text style={{ width: cols.name }}>Item</Text>
            <Text style={[styles.right, { width: cols.qty }]}>Qty</Text>
            <Text style={[styles.right, { width: cols.unit }]}>Unit price</Text>
            <Text style={[styles.right, { width: cols.total }]}>Amount</Text>
          </View>
          {po.lines.map((l) => (
            <View key={l.id} style={styles.tr} wrap={false}>
              <Text style={{ width: cols.sku }}>{l.item.sku}</Text>
              <Text style={{ width: cols.name }}>{l.item.name}</Text>
              <Text style={[styles.right, { width: cols.qty }]}>
                {l.quantity}
                {l.item.unit !== "unit" ? ` ${l.item.unit}` : ""}
              </Text>
              <Text style={[styles.right, { width: cols.unit }]}>{money(l.unitCostMinor, currency)}</Text>
              <Text style={[styles.right, { width: cols.total }]}>{money(l.totalMinor, currency)}</Text>
            </View>
          ))}
          <View style={[styles.between, { marginTop: 8 }]}>
            <Text style={styles.bold}>Total</Text>
            <Text style={styles.bold}>{money(po.totalMinor, currency)}</Text>
          </View>
        </View>
        {po.notes ? (
          <View style={styles.section}>
            <Text style={styles.bold}>Notes</Text>
            <Text>{po.notes}</Text>
          </View>
        ) : null}
        <Text style={[styles.section, styles.muted]}>
          Please quote {po.numberLabel} on the delivery note and the invoice, and list the serial number of every unit.
        </Text>
      </Page>
    </Document>
  );
}

export async function renderPurchaseOrderPdf(args: {
  po: PurchaseOrderView;
  companyName: string;
  currency: string;
}): Promise<Uint8Array> {
  return new Uint8Array(await renderToBuffer(<PurchaseOrderPdf {...args} />));
}
