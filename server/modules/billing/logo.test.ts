import { extractImages, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import * as storage from "../storage/service";
import { invoicePdfOf } from "./customer-view";
import { invoiceDocument } from "./document";
import { renderInvoicePdf } from "./pdf";
import { run } from "./run";
import { statement } from "./statement";
import { renderStatementPdf } from "./statement-pdf";
import { activeSubscriber, makePackage, setUpBilling, TINY_PNG } from "./testing";

// The company's logo on its invoices and statements: uploaded like any attachment, made the logo
// in billing settings (PNG or JPEG, small), drawn at the top of both PDFs.

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const GIF = new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000");

let company: Awaited<ReturnType<typeof makeCompany>>["company"];
let invoiceId: string;
let customerId: string;
let adminId: string;

beforeAll(async () => {
  ({ company } = await makeCompany("billing-logo", "Savannah Fibre"));
  await setUpBilling(company.id);
  const pkg = await makePackage(company.id);
  ({ customerId } = await activeSubscriber(company.id, pkg.id, "2026-03-01"));
  await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: { type: "SYSTEM", label: "test" } });
  invoiceId = (await withTenant(company.id, (tx) => tx.invoice.findFirstOrThrow({ where: { customerId } }))).id;
  adminId = (await makeUser(company.id, "BILLING_ADMIN")).id;
});

/** What the upload route does for the signed-in person. */
const upload = (userId: string, file: { fileName: string; contentType: string; bytes: Uint8Array }) =>
  withTenant(company.id, (tx) =>
    storage.upload({ tx, companyId: company.id, actor: { type: "USER", id: userId, label: "admin" } }, file),
  );

/** The images a PDF reader finds on the PDF's first page (pdf.js, through unpdf), with their pixel sizes. */
async function imagesOnFirstPage(pdf: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  return (await extractImages(doc, 1)).map((i) => ({ width: i.width, height: i.height }));
}

/** The invoice as the download routes (console, portal, REST) serve it. */
const downloaded = () =>
  withTenant(company.id, (tx) =>
    invoicePdfOf({ tx, companyId: company.id, actor: { type: "SYSTEM", label: "test" } }, invoiceId),
  );

/** Image XObjects in a PDF (react-pdf writes them uncompressed in the object dictionary). */
const images = (pdf: Buffer) => pdf.toString("latin1").match(/\/Subtype\s*\/Image/g)?.length ?? 0;

async function pdfs() {
  return withTenant(company.id, async (tx) => {
    const scope = { tx, companyId: company.id, actor: { type: "SYSTEM" as const, label: "test" } };
    return {
      invoice: await renderInvoicePdf(await invoiceDocument(scope, invoiceId)),
      statement: await renderStatementPdf(await statement(scope, { customerId, from: "2026-01-01", to: "2026-12-31" })),
    };
  });
}

describe("the company logo", () => {
  it("is drawn on the invoice and the statement once set, and not before", async () => {
    const without = await pdfs();
    expect(images(without.invoice)).toBe(0);
    expect(await imagesOnFirstPage((await downloaded()).pdf)).toEqual([]);
    expect(images(without.statement)).toBe(0);

    const admin = await callerAs(company, adminId);
    const file = await upload(adminId, { fileName: "logo.png", contentType: "image/png", bytes: TINY_PNG });
    const shown = await admin.billing.settings.setLogo({ attachmentId: file.id });
    expect(shown).toMatchObject({ fileName: "logo.png", dataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(await admin.billing.settings.logo()).toEqual(shown);

    const withLogo = await pdfs();
    expect(images(withLogo.invoice)).toBeGreaterThan(0);
    // What a reader sees in the downloaded file: the logo, decoded at its own size (1×1 pixel).
    expect(await imagesOnFirstPage((await downloaded()).pdf)).toEqual([{ width: 1, height: 1 }]);
    expect(images(withLogo.statement)).toBeGreaterThan(0);
    const audit = await withTenant(company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "billing.logo_set" } }),
    );
    expect(audit).toHaveLength(1);
  });

  it("is replaced by a new one (the old file goes), and removed", async () => {
    const admin = await callerAs(company, adminId);
    const jpeg = await upload(adminId, { fileName: "logo.jpg", contentType: "image/jpeg", bytes: JPEG });
    expect(await admin.billing.settings.setLogo({ attachmentId: jpeg.id })).toMatchObject({ fileName: "logo.jpg" });
    expect(
      await withTenant(company.id, (tx) => tx.attachment.findMany({ where: { kind: "LOGO" }, select: { id: true } })),
    ).toEqual([{ id: jpeg.id }]);
    // A purge of abandoned uploads leaves the logo alone.
    await storage.purgeAbandoned(company.id, { olderThanMs: 0, now: new Date(Date.now() + 1000) });
    expect(await admin.billing.settings.logo()).toMatchObject({ fileName: "logo.jpg" });

    expect(await admin.billing.settings.removeLogo()).toBeNull();
    expect(await admin.billing.settings.logo()).toBeNull();
    expect(await withTenant(company.id, (tx) => tx.attachment.count({ where: { kind: "LOGO" } }))).toBe(0);
    expect(images((await pdfs()).invoice)).toBe(0);
  });

  it("refuses what an invoice cannot show, too large a file, and someone else's upload, changing nothing", async () => {
    const admin = await callerAs(company, adminId);
    const gif = await upload(adminId, { fileName: "logo.gif", contentType: "image/gif", bytes: GIF });
    const notPng = await expectFailure(
      admin.billing.settings.setLogo({ attachmentId: gif.id }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(notPng.message).toBe('"logo.gif" is not a PNG or JPEG image: invoices can show only those.');

    const big = new Uint8Array(600 * 1024);
    big.set(TINY_PNG);
    const large = await upload(adminId, { fileName: "huge.png", contentType: "image/png", bytes: big });
    const tooLarge = await expectFailure(
      admin.billing.settings.setLogo({ attachmentId: large.id }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(tooLarge.message).toMatch(/^"huge.png" is 600 KB; a logo can be at most 512 KB\.$/);

    // A file whose content is not what its name says never gets stored (the upload refuses it).
    await expect(
      upload(adminId, { fileName: "logo.png", contentType: "image/png", bytes: new TextEncoder().encode("<html>") }),
    ).rejects.toThrow(/does not contain a PNG image/);

    const other = (await makeUser(company.id, "BILLING_ADMIN")).id;
    const theirs = await upload(other, { fileName: "theirs.png", contentType: "image/png", bytes: TINY_PNG });
    await expectFailure(admin.billing.settings.setLogo({ attachmentId: theirs.id }), "NOT_FOUND");
    expect(await admin.billing.settings.logo()).toBeNull();
  });

  it("is set by billing managers only", async () => {
    const csm = (await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER")).id;
    const caller = await callerAs(company, csm);
    const file = await upload(csm, { fileName: "logo.png", contentType: "image/png", bytes: TINY_PNG });
    await expectFailure(caller.billing.settings.setLogo({ attachmentId: file.id }), "FORBIDDEN");
    await expectFailure(caller.billing.settings.removeLogo(), "FORBIDDEN");
    expect(await caller.billing.settings.logo()).toBeNull();
  });
});
