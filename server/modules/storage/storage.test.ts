import { PEER_HEADER } from "../../auth/request-meta";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentOwners } from "../../api/attachment-owners";
import { permissionsOf } from "../../auth/permissions";
import { withTenant } from "../../db/tenant";
import { resetEnvCache } from "../../lib/env";
import { makeCompany, makeUser } from "../../test/fixtures";
import type { CompanyRef } from "../companies/service";
import type { Scope } from "../scope";
import { assertKey, resetDriver } from "./drivers";
import { discardResponse, downloadResponse, uploadResponse, type FileViewer } from "./http";
import { checkDeclared, MAX_ATTACHMENT_BYTES } from "./schema";
import * as storage from "./service";
import { validateUpload } from "./validate";

// The storage module on the local driver, for real: bytes round-trip through the folder named by
// STORAGE_DIR under the company's prefix, uploads are checked by size, type and content, and the
// routes serve a pending upload only to the person who sent it.

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
const HTML = new TextEncoder().encode("<html><script>alert(1)</script></html>");

let dir: string;
let co: { company: CompanyRef };
let uploaderId: string;
let otherId: string;

const scopeAs = (tx: Scope["tx"], userId: string): Scope => ({
  tx,
  companyId: co.company.id,
  actor: { type: "USER", id: userId, label: "test" },
});
const viewerOf = async (userId: string): Promise<FileViewer> => {
  const u = await withTenant(co.company.id, (tx) => tx.user.findUniqueOrThrow({ where: { id: userId } }));
  return { userId, companyId: co.company.id, email: u.email, role: u.role, permissions: permissionsOf(u.role) };
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lastmile-storage-"));
  process.env.STORAGE_DIR = dir;
  resetEnvCache();
  resetDriver();
  co = await makeCompany("storage-isp");
  uploaderId = (await makeUser(co.company.id, "TECHNICAL_SUPPORT")).id;
  otherId = (await makeUser(co.company.id, "TECHNICAL_SUPPORT")).id;
});

afterAll(async () => {
  delete process.env.STORAGE_DIR;
  resetEnvCache();
  resetDriver();
  await rm(dir, { recursive: true, force: true });
});

describe("put / get / remove on local disk", () => {
  it("round-trips bytes under the company's folder, with their hash and size", async () => {
    const stored = await storage.put("company1", { fileName: "router.png", contentType: "image/png", bytes: PNG });
    expect(stored.storageKey).toMatch(/^company1\/\d{4}\/\d{2}\/[a-z0-9]+$/);
    expect(stored).toEqual({
      storageKey: stored.storageKey,
      sizeBytes: PNG.byteLength,
      sha256: createHash("sha256").update(PNG).digest("hex"),
    });
    expect(await readdir(path.join(dir, "company1"))).toHaveLength(1);
    expect(Buffer.from(await storage.get(stored.storageKey))).toEqual(Buffer.from(PNG));
    const streamed = Buffer.from(await new Response(await storage.stream(stored.storageKey)).arrayBuffer());
    expect(streamed).toEqual(Buffer.from(PNG));
    await storage.remove(stored.storageKey);
    await expect(storage.get(stored.storageKey)).rejects.toBeInstanceOf(storage.MissingObject);
    await storage.remove(stored.storageKey); // removing twice is fine
  });

  it("refuses keys that could leave the storage folder", () => {
    for (const bad of ["../etc/passwd", "company1/../../x", "/abs/path", "company1//x", "company1/2026/01/x y"])
      expect(() => assertKey(bad), bad).toThrow(/Not a storage key/);
    expect(() => assertKey("company1/2026/01/abc123")).not.toThrow();
  });
});

describe("validateUpload", () => {
  const fail = (file: { fileName: string; contentType: string; bytes: Uint8Array }) => {
    try {
      validateUpload(file);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error("expected a refusal");
  };

  it("accepts real images, PDFs, text and office files, and infers a generic type from the name", () => {
    expect(validateUpload({ fileName: "router.png", contentType: "image/png", bytes: PNG })).toEqual({
      fileName: "router.png",
      contentType: "image/png",
    });
    expect(validateUpload({ fileName: "invoice.pdf", contentType: "application/octet-stream", bytes: PDF })).toEqual({
      fileName: "invoice.pdf",
      contentType: "application/pdf",
    });
    expect(
      validateUpload({
        fileName: "speedtest.txt",
        contentType: "text/plain",
        bytes: new TextEncoder().encode("Down 48 Mbps\nUp 9 Mbps"),
      }).contentType,
    ).toBe("text/plain");
    expect(
      validateUpload({
        fileName: "survey.xlsx",
        contentType: "",
        bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0]),
      }).contentType,
    ).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(
      validateUpload({ fileName: 'C:\\Users\\me\\"odd".png', contentType: "image/png", bytes: PNG }).fileName,
    ).toBe("odd.png");
  });

  it("refuses an oversized file and names the limit", () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PNG);
    expect(fail({ fileName: "huge.png", contentType: "image/png", bytes: big })).toBe(
      '"huge.png" is 10 MB; attachments can be at most 10 MB.',
    );
    expect(fail({ fileName: "empty.png", contentType: "image/png", bytes: new Uint8Array() })).toBe(
      '"empty.png" is empty.',
    );
  });

  it("refuses types we do not accept", () => {
    expect(
      fail({ fileName: "setup.exe", contentType: "application/x-msdownload", bytes: Uint8Array.from([0x4d, 0x5a]) }),
    ).toMatch(/^"setup.exe" is not a file type we accept\. Attach images/);
    expect(
      fail({ fileName: "logo.svg", contentType: "image/svg+xml", bytes: new TextEncoder().encode("<svg/>") }),
    ).toMatch(/not a file type we accept/);
    expect(fail({ fileName: "page.html", contentType: "", bytes: HTML })).toMatch(/not a file type we accept/);
  });

  it("refuses a file whose content is not what its name and type claim", () => {
    expect(fail({ fileName: "photo.png", contentType: "image/png", bytes: HTML })).toBe(
      '"photo.png" does not contain a PNG image: its content does not match its name and type, so it was not attached.',
    );
    expect(fail({ fileName: "photo.jpg", contentType: "image/jpeg", bytes: PNG })).toMatch(
      /does not contain a JPEG image/,
    );
    expect(fail({ fileName: "bill.pdf", contentType: "application/pdf", bytes: HTML })).toMatch(
      /does not contain a PDF document/,
    );
    expect(
      fail({ fileName: "notes.txt", contentType: "text/plain", bytes: Uint8Array.from([0x4d, 0x5a, 0, 0, 1]) }),
    ).toMatch(/does not contain a text file/);
    expect(fail({ fileName: "photo.pdf", contentType: "image/png", bytes: PNG })).toBe(
      '"photo.pdf" is sent as a PNG image, but its name ends in .pdf; use .png.',
    );
  });

  it("the browser's pre-check gives the same answers without the bytes", () => {
    expect(
      checkDeclared({ fileName: "a.png", contentType: "image/png", size: MAX_ATTACHMENT_BYTES + 1 }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/at most 10 MB/) });
    expect(checkDeclared({ fileName: "a.heic", contentType: "image/heif", size: 10 })).toEqual({
      ok: true,
      contentType: "image/heic",
    });
  });
});

describe("attachments: upload, link, discard, purge", () => {
  it("stores a pending upload, links it once, and refuses to link another person's", async () => {
    const view = await withTenant(co.company.id, (tx) =>
      storage.upload(
        scopeAs(tx, uploaderId),
        { fileName: "router.png", contentType: "image/png", bytes: PNG },
        "PHOTO",
      ),
    );
    expect(view).toMatchObject({
      fileName: "router.png",
      contentType: "image/png",
      kind: "PHOTO",
      sizeBytes: PNG.byteLength,
      url: `/api/attachments/${view.id}`,
    });
    expect(view).not.toHaveProperty("storageKey");
    const row = await withTenant(co.company.id, (tx) => tx.attachment.findUniqueOrThrow({ where: { id: view.id } }));
    expect(row.storageKey.startsWith(`${co.company.id}/`)).toBe(true);

    // Another person cannot link it (e.g. to their work order); nothing changes.
    await expect(
      withTenant(co.company.id, (tx) =>
        storage.link(scopeAs(tx, otherId), [view.id], { workOrderId: "wo-1" }, otherId),
      ),
    ).rejects.toThrow(/no longer available/);
  });

  it("discards a pending upload with its bytes; purges abandoned ones after a day", async () => {
    const a = await withTenant(co.company.id, (tx) =>
      storage.upload(scopeAs(tx, uploaderId), { fileName: "a.pdf", contentType: "application/pdf", bytes: PDF }),
    );
    const key = (await withTenant(co.company.id, (tx) => tx.attachment.findUniqueOrThrow({ where: { id: a.id } })))
      .storageKey;
    await withTenant(co.company.id, (tx) => storage.discardPending(scopeAs(tx, otherId), a.id, otherId)); // not theirs: no effect
    expect(await withTenant(co.company.id, (tx) => tx.attachment.count({ where: { id: a.id } }))).toBe(1);
    await withTenant(co.company.id, (tx) => storage.discardPending(scopeAs(tx, uploaderId), a.id, uploaderId));
    expect(await withTenant(co.company.id, (tx) => tx.attachment.count({ where: { id: a.id } }))).toBe(0);
    await expect(storage.get(key)).rejects.toBeInstanceOf(storage.MissingObject);

    const b = await withTenant(co.company.id, (tx) =>
      storage.upload(scopeAs(tx, uploaderId), { fileName: "b.pdf", contentType: "application/pdf", bytes: PDF }),
    );
    const bKey = (await withTenant(co.company.id, (tx) => tx.attachment.findUniqueOrThrow({ where: { id: b.id } })))
      .storageKey;
    const before = await storage.purgeAbandoned(co.company.id);
    expect(await withTenant(co.company.id, (tx) => tx.attachment.count({ where: { id: b.id } }))).toBe(1);
    await withTenant(co.company.id, (tx) =>
      tx.attachment.update({ where: { id: b.id }, data: { createdAt: new Date(Date.now() - 2 * 86_400_000) } }),
    );
    expect((await storage.purgeAbandoned(co.company.id)).removed).toBeGreaterThanOrEqual(1);
    expect(await withTenant(co.company.id, (tx) => tx.attachment.count({ where: { id: b.id } }))).toBe(0);
    await expect(storage.get(bKey)).rejects.toBeInstanceOf(storage.MissingObject);
    expect(before.removed).toBe(0);
  });
});

describe("the upload and download routes", () => {
  const host = "http://storage-isp.localhost:3000";
  const uploadReq = (file: File | null, extra: Record<string, string> = {}) => {
    const form = new FormData();
    if (file) form.set("file", file);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    const body = new Response(form);
    return body.arrayBuffer().then(
      (buf) =>
        new Request(`${host}/api/attachments`, {
          method: "POST",
          body: buf,
          headers: {
            "content-type": body.headers.get("content-type")!,
            "content-length": String(buf.byteLength),
            [PEER_HEADER]: "203.0.113.5",
          },
        }),
    );
  };

  it("uploads (201), then serves the file to its uploader only; 404 to others", async () => {
    const viewer = await viewerOf(uploaderId);
    const res = await uploadResponse(
      co.company,
      viewer,
      await uploadReq(new File([PNG], "cabinet.png", { type: "image/png" })),
    );
    expect(res.status).toBe(201);
    const view = await res.json();
    expect(view).toMatchObject({ fileName: "cabinet.png", kind: "FILE" });

    const get = await downloadResponse(
      co.company,
      viewer,
      view.id,
      new Request(`${host}/api/attachments/${view.id}`),
      attachmentOwners,
    );
    expect(get.status).toBe(200);
    expect(get.headers.get("content-type")).toBe("image/png");
    expect(get.headers.get("content-disposition")).toMatch(/^inline; filename="cabinet.png"/);
    expect(get.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await get.arrayBuffer())).toEqual(Buffer.from(PNG));

    const other = await downloadResponse(
      co.company,
      await viewerOf(otherId),
      view.id,
      new Request(`${host}/api/attachments/${view.id}`),
      attachmentOwners,
    );
    expect(other.status).toBe(404);
    const signedOut = await downloadResponse(
      co.company,
      null,
      view.id,
      new Request(`${host}/api/attachments/${view.id}`),
      attachmentOwners,
    );
    expect(signedOut.status).toBe(401);
    const elsewhere = await downloadResponse(
      co.company,
      { ...viewer, companyId: "another-company" },
      view.id,
      new Request(`${host}/api/attachments/${view.id}`),
      attachmentOwners,
    );
    expect(elsewhere.status).toBe(401);

    // Someone else's discard leaves it; the uploader's removes it.
    const del = (v: FileViewer) =>
      discardResponse(co.company, v, view.id, new Request(`${host}/api/attachments/${view.id}`, { method: "DELETE" }));
    expect((await del(await viewerOf(otherId))).status).toBe(204);
    expect(
      (
        await downloadResponse(
          co.company,
          viewer,
          view.id,
          new Request(`${host}/api/attachments/${view.id}`),
          attachmentOwners,
        )
      ).status,
    ).toBe(200);
    expect((await del(viewer)).status).toBe(204);
    expect(
      (
        await downloadResponse(
          co.company,
          viewer,
          view.id,
          new Request(`${host}/api/attachments/${view.id}`),
          attachmentOwners,
        )
      ).status,
    ).toBe(404);
  });

  it("answers a spoofed file with 422 and its reason, and stores nothing", async () => {
    const before = await withTenant(co.company.id, (tx) => tx.attachment.count());
    const res = await uploadResponse(
      co.company,
      await viewerOf(uploaderId),
      await uploadReq(new File([HTML], "selfie.jpg", { type: "image/jpeg" })),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: "INVALID",
        message: expect.stringMatching(/does not contain a JPEG image/),
        fields: { file: expect.any(String) },
      },
    });
    const none = await uploadResponse(co.company, await viewerOf(uploaderId), await uploadReq(null));
    expect(none.status).toBe(422);
    expect(await withTenant(co.company.id, (tx) => tx.attachment.count())).toBe(before);
  });

  it("refuses an oversized upload from its Content-Length, before reading it", async () => {
    const req = new Request(`${host}/api/attachments`, {
      method: "POST",
      body: "x",
      headers: {
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(MAX_ATTACHMENT_BYTES + 200_000),
      },
    });
    const res = await uploadResponse(co.company, await viewerOf(uploaderId), req);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/larger than 10 MB/);
  });
});
