import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { SheetData } from "./service";

// The printable voucher sheet: A4 pages of 3 × 8 cards, cut along the dashed lines and sold over
// the counter. Only the PDF standard fonts (Helvetica, Courier) are used, so rendering needs no
// font files or network and every printer shows the code the same way.

const COLUMNS = 3;
const ROWS = 8;
const PER_PAGE = COLUMNS * ROWS;
const MARGIN = 24;
const FOOTER = 14;
const A4 = { width: 595.28, height: 841.89 };
const CARD_W = (A4.width - 2 * MARGIN) / COLUMNS;
const CARD_H = (A4.height - 2 * MARGIN - FOOTER) / ROWS;

const s = StyleSheet.create({
  page: {
    paddingTop: MARGIN,
    paddingHorizontal: MARGIN,
    paddingBottom: MARGIN + FOOTER,
    fontFamily: "Helvetica",
    color: "#111",
  },
  grid: { flexDirection: "row", flexWrap: "wrap" },
  card: {
    width: CARD_W,
    height: CARD_H,
    padding: 7,
    borderWidth: 0.5,
    borderStyle: "dashed",
    borderColor: "#999",
    justifyContent: "space-between",
  },
  head: { flexDirection: "row", justifyContent: "space-between" },
  isp: { fontFamily: "Helvetica-Bold", fontSize: 8, maxWidth: CARD_W - 70 },
  price: { fontFamily: "Helvetica-Bold", fontSize: 8 },
  pkg: { fontSize: 7.5, color: "#333" },
  validity: { fontSize: 6.5, color: "#555" },
  code: { fontFamily: "Courier-Bold", fontSize: 15, letterSpacing: 0.5, textAlign: "center" },
  pin: { fontFamily: "Courier", fontSize: 9, textAlign: "center" },
  how: { fontSize: 5.5, color: "#555", textAlign: "center" },
  footer: {
    position: "absolute",
    bottom: MARGIN,
    left: MARGIN,
    right: MARGIN,
    fontSize: 6.5,
    color: "#777",
    flexDirection: "row",
    justifyContent: "space-between",
  },
  empty: { fontSize: 12, marginTop: 40, textAlign: "center" },
});

function Card({ data, code, pin }: { data: SheetData; code: string; pin: string | null }) {
  return (
    <View style={s.card} wrap={false}>
      <View>
        <View style={s.head}>
          <Text style={s.isp}>{data.ispName}</Text>
          <Text style={s.price}>{data.price}</Text>
        </View>
        <Text style={s.pkg}>{data.packageName}</Text>
        <Text style={s.validity}>{data.validity}</Text>
      </View>
      <View>
        <Text style={s.code}>{code}</Text>
        {pin ? <Text style={s.pin}>PIN {pin}</Text> : null}
      </View>
      <Text style={s.how}>
        {`Connect to ${data.ispName} Wi-Fi, open any web page and enter this code${pin ? " and PIN" : ""}.`}
      </Text>
    </View>
  );
}

function Sheet({ data }: { data: SheetData }) {
  const pages: SheetData["vouchers"][] = [];
  for (let i = 0; i < data.vouchers.length; i += PER_PAGE) pages.push(data.vouchers.slice(i, i + PER_PAGE));
  const title = `${data.ispName} vouchers: ${data.packageName}`;
  return (
    <Document title={title} author={data.ispName} creator="Lastmile" producer="Lastmile">
      {pages.length === 0 ? (
        <Page size="A4" style={s.page}>
          <Text style={s.empty}>This batch has no unused vouchers left to print.</Text>
        </Page>
      ) : (
        pages.map((vouchers, i) => (
          <Page key={i} size="A4" style={s.page}>
            <View style={s.grid}>
              {vouchers.map((v) => (
                <Card key={v.code} data={data} code={v.code} pin={v.pin} />
              ))}
            </View>
            <View style={s.footer} fixed>
              <Text>{`${data.packageName} · batch ${data.batchId}`}</Text>
              <Text>{`Page ${i + 1} of ${pages.length}`}</Text>
            </View>
          </Page>
        ))
      )}
    </Document>
  );
}

export async function renderVoucherSheet(data: SheetData): Promise<Buffer> {
  return renderToBuffer(<Sheet data={data} />);
}
