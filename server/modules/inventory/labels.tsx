import { Document, Image, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import QRCode from "qrcode";
import type { z } from "zod";
import { toRestError } from "../../api/errors";
import { withTenant } from "../../db/tenant";
import { Invalid } from "../../lib/errors";
import type { Scope } from "../scope";
import { labelsSchema } from "./schema";

// Printable labels for units (serial, MAC, item) and bins (name, warehouse), each with a QR code
// of the text the phone view and the cycle count read back: a unit's serial, a bin's name. One
// label prints on its own 70 × 37 mm page (a label printer); several on A4 sheets of 3 × 8 labels
// of the same size (the common self-adhesive sheet).

const MM = 72 / 25.4;
const LABEL = { width: 70 * MM, height: 37 * MM };
const PER_SHEET = 24;

const styles = StyleSheet.create({
  sheet: { paddingVertical: 4.5 * MM, flexDirection: "row", flexWrap: "wrap", fontFamily: "Helvetica" },
  single: { fontFamily: "Helvetica" },
  label: { ...LABEL, padding: 3 * MM, flexDirection: "row", alignItems: "center" },
  qr: { width: 28 * MM, height: 28 * MM, marginRight: 3 * MM },
  text: { flex: 1, fontSize: 7, color: "#18181b" },
  code: { fontSize: 9, fontFamily: "Courier-Bold", marginVertical: 2 },
  muted: { color: "#52525b" },
});

export interface Label {
  /** What the QR code holds and the scanner reads back. */
  code: string;
  title: string;
  lines: string[];
}

async function withQr(labels: readonly Label[]) {
  return Promise.all(
    labels.map(async (l) => ({ ...l, qr: await QRCode.toDataURL(l.code, { margin: 0, width: 240 }) })),
  );
}

function LabelView({ l, companyName }: { l: Label & { qr: string }; companyName: string }) {
  return (
    <View style={styles.label} wrap={false}>
      {/* eslint-disable-next-line jsx-a11y/alt-text -- a PDF image, not HTML */}
      <Image style={styles.qr} src={l.qr} />
      <View style={styles.text}>
        <Text style={styles.muted}>{companyName}</Text>
        <Text>{l.title}</Text>
        <Text style={styles.code}>{l.code}</Text>
        {l.lines.map((line) => (
          <Text key={line} style={styles.muted}>
            {line}
          </Text>
        ))}
      </View>
    </View>
  );
}

export async function renderLabelsPdf(labels: readonly Label[], companyName: string): Promise<Uint8Array> {
  const rows = await withQr(labels);
  const sheets: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += PER_SHEET) sheets.push(rows.slice(i, i + PER_SHEET));
  const doc = (
    <Document title="Labels" author={companyName}>
      {rows.length === 1 ? (
        <Page size={[LABEL.width, LABEL.height]} style={styles.single}>
          <LabelView l={rows[0]} companyName={companyName} />
        </Page>
      ) : (
        sheets.map((sheet, i) => (
          <Page key={i} size="A4" style={styles.sheet}>
            {sheet.map((l) => (
              <LabelView key={l.code} l={l} companyName={companyName} />
            ))}
          </Page>
        ))
      )}
    </Document>
  );
  return new Uint8Array(await renderToBuffer(doc));
}

/** The labels asked for: units by serial or by purchase order, or bins (locations) by id. */
export async function labelsFor(scope: Scope, input: z.input<typeof labelsSchema>): Promise<Label[]> {
  const q = labelsSchema.parse(input);
  const units = await scope.tx.asset.findMany({
    where: {
      OR: [
        ...(q.serials.length ? [{ serial: { in: q.serials } }] : []),
        ...(q.purchaseOrderId ? [{ purchaseOrderId: q.purchaseOrderId }] : []),
      ],
    },
    include: { item: { select: { name: true } } },
    orderBy: { serial: "asc" },
  });
  const missing = q.serials.filter((s) => !units.some((u) => u.serial === s));
  if (missing.length)
    throw new Invalid(`No unit with serial ${missing.join(", ")} in your inventory.`, { serials: "Not found." });
  const bins = q.locationIds.length
    ? await scope.tx.stockLocation.findMany({
        where: { id: { in: q.locationIds } },
        include: { parent: { select: { name: true } } },
        orderBy: { name: "asc" },
      })
    : [];
  if (bins.length !== q.locationIds.length)
    throw new Invalid("A location to label is not in your inventory.", { locationIds: "Not found." });
  const labels: Label[] = [
    ...units.map((u) => ({
      code: u.serial,
      title: u.item.name,
      lines: [
        u.mac ? `MAC ${u.mac.toUpperCase()}` : "",
        u.warrantyUntil ? `Warranty to ${u.warrantyUntil.toISOString().slice(0, 10)}` : "",
      ].filter(Boolean),
    })),
    ...bins.map((b) => ({ code: b.name, title: "Location", lines: b.parent ? [`In ${b.parent.name}`] : [] })),
  ];
  if (!labels.length) throw new Invalid("Choose the units or places to label.", { serials: "Nothing to print." });
  return labels;
}

/**
 * The labels PDF for the console's "Print labels" links (app/(console)/inventory/labels): a
 * signed-in staff member of this company with inventory:read; 401 signed out or another
 * company's session, 403 without the permission, 422 naming what is not in this inventory.
 */
export async function labelsResponse(
  company: { id: string; name: string } | null,
  viewer: {
    userId: string;
    companyId: string;
    email: string;
    permissions: readonly string[];
    mustEnrolTwoFactor: boolean;
  } | null,
  query: URLSearchParams,
): Promise<Response> {
  const problem = (status: number, code: string, message: string) =>
    Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  if (!viewer.permissions.includes("inventory:read"))
    return problem(403, "FORBIDDEN", "You do not have permission to do that.");
  try {
    const pdf = await withTenant(company.id, async (tx) => {
      const scope: Scope = {
        tx,
        companyId: company.id,
        actor: { type: "USER", id: viewer.userId, label: viewer.email },
      };
      const labels = await labelsFor(scope, {
        serials: query.getAll("serial"),
        purchaseOrderId: query.get("purchaseOrderId") ?? undefined,
        locationIds: query.getAll("locationId"),
      });
      return renderLabelsPdf(labels, company.name);
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": 'inline; filename="labels.pdf"',
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  }
}
