import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentOwners } from "../../api/attachment-owners";
import { permissionsOf } from "../../auth/permissions";
import { withTenant } from "../../db/tenant";
import { resetEnvCache } from "../../lib/env";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure, failure } from "../../test/trpc";
import { resetDriver } from "../storage/drivers";
import { downloadResponse, uploadResponse, type FileViewer } from "../storage/http";
import { makeCustomer } from "../subscriptions/testing";
import { formatWorkOrderNumber, mapLinks, wallTimeToUtc, toWallTime } from "./schema";

// Field work orders on real PostgreSQL: numbering, the status flow, who sees and does what,
// on-site records (readings, equipment, photos, signature) and what completion requires.

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

let dir: string;
let co: Company;
let dispatcher: Caller;
let techUser: { id: string; email: string; role: "FIELD_TECHNICIAN" };
let tech: Caller;
let otherTech: Caller;
let otherTechId: string;
let customerId: string;

// A real 1×1 PNG (what a canvas's toBlob gives, only smaller) and a JPEG's magic bytes.
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
const PDF = new TextEncoder().encode("%PDF-1.7\n%%EOF\n");

const window = { windowStart: "2026-11-25T09:00", windowEnd: "2026-11-25T11:00" };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lastmile-wo-"));
  process.env.STORAGE_DIR = dir;
  resetEnvCache();
  resetDriver();
  co = await makeCompany("wo-isp"); // America/New_York
  dispatcher = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  techUser = (await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Peter Kamau" })) as typeof techUser;
  tech = await callerAs(co.company, techUser.id);
  otherTechId = (await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Other Tech" })).id;
  otherTech = await callerAs(co.company, otherTechId);
  customerId = (await makeCustomer(co.company.id, { firstName: "Amina", serviceAddress: "12 Mango Lane, Westlands" }))
    .id;
  await withTenant(co.company.id, (tx) =>
    tx.customer.update({
      where: { id: customerId },
      data: { serviceLatitude: "-1.267", serviceLongitude: "36.811", phone: "+254 722 000 111" },
    }),
  );
});

afterAll(async () => {
  delete process.env.STORAGE_DIR;
  resetEnvCache();
  resetDriver();
  await rm(dir, { recursive: true, force: true });
});

const newJob = (extra: Record<string, unknown> = {}) =>
  dispatcher.workOrders.create({ kind: "REPAIR", customerId, technicianId: techUser.id, ...window, ...extra });

/** Uploads through the attachments route as `userId`, as the phone does. */
async function upload(
  userId: string,
  file: { name: string; type: string; bytes: Uint8Array },
  kind: "PHOTO" | "SIGNATURE",
) {
  const form = new FormData();
  form.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
  form.set("kind", kind);
  const req = new Request("http://wo-isp.localhost/api/attachments", { method: "POST", body: form });
  const body = await req.clone().arrayBuffer();
  const sized = new Request(req.url, {
    method: "POST",
    body,
    headers: { "content-type": req.headers.get("content-type")!, "content-length": String(body.byteLength) },
  });
  const res = await uploadResponse(co.company, await viewerOf(userId), sized);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

async function viewerOf(userId: string): Promise<FileViewer> {
  const u = await withTenant(co.company.id, (tx) => tx.user.findUniqueOrThrow({ where: { id: userId } }));
  return { userId, companyId: co.company.id, email: u.email, role: u.role, permissions: permissionsOf(u.role) };
}

async function onSite(id: string, as: Caller = tech) {
  await as.workOrders.advance({ id, status: "EN_ROUTE" });
  return as.workOrders.advance({ id, status: "ON_SITE" });
}

describe("creating and numbering", () => {
  it("numbers jobs per company, in order, and fills the address and map point from the customer", async () => {
    const fresh = await makeCompany("wo-numbers");
    const admin = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN")).id);
    const made = await Promise.all(
      Array.from({ length: 8 }, () =>
        admin.workOrders.create({ kind: "MAINTENANCE", address: "Mast 4, Ngong Hills", ...window }),
      ),
    );
    expect(made.map((w) => w.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(made.find((w) => w.number === 3)!.numberLabel).toBe("WO-000003");

    const job = await newJob();
    expect(job).toMatchObject({
      status: "SCHEDULED",
      kind: "REPAIR",
      address: "12 Mango Lane, Westlands",
      latitude: "-1.267",
      longitude: "36.811",
      title: "Repair for Amina Otieno",
    });
    expect(job.map).toEqual(mapLinks("-1.267", "36.811"));
    expect(job.map!.osm).toBe("https://www.openstreetmap.org/?mlat=-1.267&mlon=36.811#map=18/-1.267/36.811");
    expect(job.map!.geo).toBe("geo:-1.267,36.811");
    expect(job.checklist.length).toBeGreaterThan(3);
    expect(job.checklist.every((i) => !i.done)).toBe(true);
  });

  it("takes the window in the company's zone and stores UTC; the end must follow the start", async () => {
    const job = await newJob();
    expect(job.windowStart.toISOString()).toBe("2026-11-25T14:00:00.000Z"); // 09:00 in New York (UTC−5)
    expect(toWallTime(job.windowStart, "America/New_York")).toBe("2026-11-25T09:00");
    expect(wallTimeToUtc("2026-07-01T09:00", "America/New_York")!.toISOString()).toBe("2026-07-01T13:00:00.000Z"); // summer time
    const f = await failure(newJob({ windowStart: "2026-11-25T11:00", windowEnd: "2026-11-25T10:00" }));
    expect(f).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "The time window must end after it starts.",
      fields: { windowEnd: "Must be after the start." },
    });
    expect((await failure(newJob({ windowStart: "next tuesday" }))).fields).toEqual({
      windowStart: "Enter a valid date and time.",
    });
  });

  it("refuses a technician of another company, a customer account or a role without field work", async () => {
    const other = await makeCompany("wo-elsewhere");
    const foreign = await makeUser(other.company.id, "FIELD_TECHNICIAN");
    const before = await withTenant(co.company.id, (tx) => tx.workOrder.count());
    const f = await failure(newJob({ technicianId: foreign.id }));
    expect(f).toMatchObject({
      code: "NOT_FOUND",
      message: "Technician not found in your company.",
      fields: { technicianId: "Choose a technician of your company." },
    });
    const portalUser = await makeUser(co.company.id, "CUSTOMER");
    expect((await failure(newJob({ technicianId: portalUser.id }))).code).toBe("NOT_FOUND");
    const billing = await makeUser(co.company.id, "BILLING_ADMIN", { name: "Linda" });
    expect((await failure(newJob({ technicianId: billing.id }))).message).toBe(
      "Linda cannot carry out field jobs with their role; choose a field technician.",
    );
    expect(await withTenant(co.company.id, (tx) => tx.workOrder.count())).toBe(before);
  });

  it("prefills from a ticket and plans the installation of a pending subscription", async () => {
    const subscriptionId = newId();
    const ticketId = newId();
    await withTenant(co.company.id, async (tx) => {
      const pkg = await tx.package.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          name: "Fibre 50",
          code: "F50",
          type: "FIBER",
          billingCycle: "MONTHLY",
          priceMinor: 5000,
          downloadKbps: 50_000,
          uploadKbps: 25_000,
        },
      });
      await tx.subscription.create({
        data: {
          id: subscriptionId,
          companyId: co.company.id,
          customerId,
          packageId: pkg.id,
          status: "PENDING",
          startDate: new Date("2026-11-20"),
          installationAddress: "Plot 7, Riverside Drive",
        },
      });
      const category = await tx.ticketCategory.create({
        data: { id: newId(), companyId: co.company.id, group: "TECHNICAL", name: "Work order test faults" },
      });
      await tx.ticket.create({
        data: {
          id: ticketId,
          companyId: co.company.id,
          number: 77,
          subject: "No internet since the storm",
          description: "Red LOS light.",
          categoryId: category.id,
          customerId,
          subscriptionId,
          responseTargetMin: 60,
          resolutionTargetMin: 480,
        },
      });
    });
    const fromTicket = await dispatcher.workOrders.prefill({ ticketId });
    expect(fromTicket).toMatchObject({
      customerId,
      subscriptionId,
      address: "Plot 7, Riverside Drive",
      ticket: { number: 77 },
      title: "Installation: No internet since the storm",
    });
    const install = await dispatcher.workOrders.prefill({ subscriptionId });
    expect(install).toMatchObject({ kind: "INSTALLATION", customerId, address: "Plot 7, Riverside Drive" });
    const job = await dispatcher.workOrders.create({ kind: "REPAIR", ticketId, ...window });
    expect(job).toMatchObject({
      customer: { id: customerId },
      subscription: { id: subscriptionId },
      ticket: { id: ticketId, number: 77 },
      address: "Plot 7, Riverside Drive",
    });
    expect((await dispatcher.workOrders.list({ ticketId })).rows.map((r) => r.id)).toEqual([job.id]);
  });

  it("takes the ticket's device onto the job made from it, and keeps a device an update leaves out", async () => {
    const { ticketId, deviceId, otherDeviceId } = await withTenant(co.company.id, async (tx) => {
      const maker = await tx.manufacturer.create({ data: { id: newId(), companyId: co.company.id, name: "Ubiquiti" } });
      const type = await tx.deviceType.create({
        data: { id: newId(), companyId: co.company.id, manufacturerId: maker.id, model: "LiteAP AC", role: "ROUTER" },
      });
      const ap = await tx.device.create({
        data: { id: newId(), companyId: co.company.id, deviceTypeId: type.id, name: "AP Westlands sector 2" },
      });
      const spare = await tx.device.create({
        data: { id: newId(), companyId: co.company.id, deviceTypeId: type.id, name: "AP Westlands sector 3" },
      });
      const category = await tx.ticketCategory.create({
        data: { id: newId(), companyId: co.company.id, group: "TECHNICAL", name: "Work order device faults" },
      });
      const ticket = await tx.ticket.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          number: 78,
          subject: "Sector keeps dropping",
          description: "Every evening.",
          categoryId: category.id,
          customerId,
          deviceId: ap.id,
          responseTargetMin: 60,
          resolutionTargetMin: 480,
        },
      });
      return { ticketId: ticket.id, deviceId: ap.id, otherDeviceId: spare.id };
    });
    expect(await dispatcher.workOrders.prefill({ ticketId })).toMatchObject({
      device: { id: deviceId, name: "AP Westlands sector 2" },
    });
    const job = await dispatcher.workOrders.create({ kind: "REPAIR", ticketId, ...window });
    expect(job.device).toMatchObject({ id: deviceId, name: "AP Westlands sector 2" });
    // Chosen otherwise in the dialog: the choice wins over the ticket's device; cleared: none.
    const chosen = await dispatcher.workOrders.create({ kind: "REPAIR", ticketId, deviceId: otherDeviceId, ...window });
    expect(chosen.device?.id).toBe(otherDeviceId);
    const without = await dispatcher.workOrders.create({ kind: "REPAIR", ticketId, deviceId: null, ...window });
    expect(without.device).toBeNull();

    // An update that does not mention the device leaves it; null clears it.
    const moved = await dispatcher.workOrders.update({
      id: job.id,
      kind: "REPAIR",
      windowStart: "2026-11-26T09:00",
      windowEnd: "2026-11-26T11:00",
    });
    expect(moved.device?.id).toBe(deviceId);
    const cleared = await dispatcher.workOrders.update({ id: job.id, kind: "REPAIR", deviceId: null, ...window });
    expect(cleared.device).toBeNull();
  });
});

describe("status flow", () => {
  it("goes SCHEDULED → EN_ROUTE → ON_SITE and refuses skipping or going back, clearly", async () => {
    const job = await newJob();
    const skip = await failure(tech.workOrders.advance({ id: job.id, status: "ON_SITE" }));
    expect(skip.message).toBe(
      `${job.numberLabel} is scheduled; it cannot become on site. The next step is "On my way".`,
    );
    const enRoute = await tech.workOrders.advance({ id: job.id, status: "EN_ROUTE" });
    expect(enRoute.status).toBe("EN_ROUTE");
    expect(enRoute.startedAt).toBeInstanceOf(Date);
    expect((await tech.workOrders.advance({ id: job.id, status: "EN_ROUTE" })).status).toBe("EN_ROUTE"); // a double tap
    const onSite = await tech.workOrders.advance({ id: job.id, status: "ON_SITE" });
    expect(onSite.arrivedAt).toBeInstanceOf(Date);
    expect((await failure(tech.workOrders.advance({ id: job.id, status: "EN_ROUTE" }))).message).toMatch(
      /is on site; it cannot become en route/,
    );
  });

  it("cancels an open job with a reason; a cancelled or completed job stays as it is", async () => {
    const job = await newJob();
    expect((await failure(dispatcher.workOrders.cancel({ id: job.id, reason: "" }))).fields).toEqual({
      reason: "Say why the job is cancelled.",
    });
    const cancelled = await dispatcher.workOrders.cancel({ id: job.id, reason: "Customer travelling" });
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelReason: "Customer travelling" });
    expect((await failure(dispatcher.workOrders.cancel({ id: job.id, reason: "Again" }))).message).toBe(
      `${job.numberLabel} is cancelled, so it cannot be cancelled.`,
    );
    expect((await failure(tech.workOrders.advance({ id: job.id, status: "EN_ROUTE" }))).message).toBe(
      `${job.numberLabel} is cancelled; it cannot become en route.`,
    );
    expect((await failure(dispatcher.workOrders.update({ id: job.id, kind: "REPAIR", ...window }))).code).toBe(
      "CONFLICT",
    );
    const audit = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: job.id }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["work_order.create", "work_order.cancel"]);
  });

  it("a technician cannot cancel, create or reassign", async () => {
    const job = await newJob();
    expect((await failure(tech.workOrders.cancel({ id: job.id, reason: "Not me" }))).code).toBe("FORBIDDEN");
    expect((await failure(tech.workOrders.create({ kind: "REPAIR", customerId, ...window }))).code).toBe("FORBIDDEN");
    await expectFailure(
      tech.workOrders.update({ id: job.id, kind: "REPAIR", technicianId: otherTechId, ...window }),
      "FORBIDDEN",
    );
  });
});

describe("a technician sees and works only their own jobs", () => {
  it("lists, opens and performs only the jobs assigned to them", async () => {
    const mine = await newJob({ title: "Mine only" });
    const theirs = await newJob({ technicianId: otherTechId, title: "Theirs only" });
    const list = await tech.workOrders.list({ pageSize: 100 });
    expect(list.rows.every((r) => r.technician?.id === techUser.id)).toBe(true);
    expect(list.rows.map((r) => r.id)).toContain(mine.id);
    expect((await failure(tech.workOrders.get({ id: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await failure(tech.workOrders.advance({ id: theirs.id, status: "EN_ROUTE" }))).code).toBe("NOT_FOUND");
    expect((await failure(otherTech.workOrders.advance({ id: mine.id, status: "EN_ROUTE" }))).code).toBe("NOT_FOUND");
    // The dispatcher sees both.
    const all = await dispatcher.workOrders.list({ search: "only", pageSize: 100 });
    expect(all.rows.map((r) => r.id).sort()).toEqual([mine.id, theirs.id].sort());
  });

  it("'mine' has today's jobs and upcoming ones by the company's calendar", async () => {
    const fresh = await makeCompany("wo-mine");
    const admin = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN")).id);
    const t = await makeUser(fresh.company.id, "FIELD_TECHNICIAN");
    const caller = await callerAs(fresh.company, t.id);
    const now = Date.now();
    const at = (h: number) => new Date(now + h * 3_600_000);
    const today = await admin.workOrders.create({
      kind: "REPAIR",
      address: "Here",
      technicianId: t.id,
      windowStart: at(0),
      windowEnd: at(1),
    });
    const later = await admin.workOrders.create({
      kind: "REPAIR",
      address: "There",
      technicianId: t.id,
      windowStart: at(72),
      windowEnd: at(74),
    });
    const late = await admin.workOrders.create({
      kind: "REPAIR",
      address: "Left over",
      technicianId: t.id,
      windowStart: at(-72),
      windowEnd: at(-70),
    });
    await admin.workOrders.create({ kind: "REPAIR", address: "Someone else's", windowStart: at(0), windowEnd: at(1) });
    const mine = await caller.workOrders.mine();
    expect(mine.today.map((w) => w.id)).toEqual([today.id]);
    expect(mine.upcoming.map((w) => w.id)).toEqual([later.id]);
    expect(mine.overdue.map((w) => w.id)).toEqual([late.id]);
  });
});

describe("on site", () => {
  it("needs the technician on site before anything is recorded", async () => {
    const job = await newJob();
    expect((await failure(tech.workOrders.tick({ id: job.id, index: 0, done: true }))).message).toBe(
      `${job.numberLabel} is scheduled: tap "Arrived on site" first, then record the checklist.`,
    );
    await expectFailure(
      tech.workOrders.recordMeasurement({ workOrderId: job.id, kind: "SNR_DB", value: "30" }),
      "UNPROCESSABLE_CONTENT",
    );
  });

  it("validates readings by kind and keeps them as exact decimals", async () => {
    const job = await newJob();
    await onSite(job.id);
    const power = await tech.workOrders.recordMeasurement({
      workOrderId: job.id,
      kind: "OPTICAL_POWER_DBM",
      value: "−19.45",
    });
    expect(power).toMatchObject({ value: "-19.45", unit: "dBm", label: "Optical power" });
    await tech.workOrders.recordMeasurement({ workOrderId: job.id, kind: "DOWNLOAD_MBPS", value: "48.125" });
    const bad: [string, string | number, string][] = [
      ["OPTICAL_POWER_DBM", "-41", "Optical power must be between -40 and 10 dBm."],
      ["OPTICAL_POWER_DBM", "12", "Optical power must be between -40 and 10 dBm."],
      ["RSSI_DBM", "5", "Signal strength (RSSI) must be between -120 and 0 dBm."],
      ["RSSI_DBM", -121, "Signal strength (RSSI) must be between -120 and 0 dBm."],
      ["SNR_DB", "-1", "Signal-to-noise (SNR) must be between 0 and 60 dB."],
      ["SNR_DB", "61", "Signal-to-noise (SNR) must be between 0 and 60 dB."],
      ["UPLOAD_MBPS", "-0.5", "Upload speed must be between 0 and 100000 Mbit/s."],
      ["LATENCY_MS", "12.3456", "Enter a number with at most 3 decimals, e.g. -19.5."],
      ["DOWNLOAD_MBPS", "fast", "Enter a number with at most 3 decimals, e.g. -19.5."],
    ];
    for (const [kind, value, message] of bad) {
      const f = await failure(
        tech.workOrders.recordMeasurement({ workOrderId: job.id, kind: kind as "SNR_DB", value }),
      );
      expect(f.fields, `${kind} ${value}`).toEqual({ value: message });
    }
    const detail = await tech.workOrders.get({ id: job.id });
    expect(detail.measurements.map((m) => [m.kind, m.value])).toEqual([
      ["OPTICAL_POWER_DBM", "-19.45"],
      ["DOWNLOAD_MBPS", "48.125"],
    ]);
    const stored = await withTenant(co.company.id, (tx) =>
      tx.signalMeasurement.findFirstOrThrow({ where: { workOrderId: job.id, kind: "DOWNLOAD_MBPS" } }),
    );
    expect(stored.value.toFixed(3)).toBe("48.125");
  });

  it("records equipment and warns when a serial is already installed on another open job", async () => {
    const first = await newJob();
    const second = await newJob();
    await onSite(first.id);
    await onSite(second.id);
    const a = await tech.workOrders.addEquipment({
      workOrderId: first.id,
      description: "Huawei HG8245H ONT",
      serial: "hwtc-1a2b3c",
    });
    expect(a).toMatchObject({ equipment: { serial: "HWTC-1A2B3C", action: "INSTALLED" }, warnings: [] });
    await expectFailure(
      tech.workOrders.addEquipment({ workOrderId: first.id, description: "Same again", serial: "HWTC-1A2B3C" }),
      "CONFLICT",
    );
    const b = await tech.workOrders.addEquipment({
      workOrderId: second.id,
      description: "Huawei HG8245H ONT",
      serial: "HWTC-1A2B3C",
    });
    expect(b.warnings).toEqual([
      `Serial HWTC-1A2B3C is also recorded as installed on open job ${first.numberLabel}. Check the device's label.`,
    ]);
    const removed = await tech.workOrders.addEquipment({
      workOrderId: second.id,
      action: "REMOVED",
      description: "Old router",
      serial: "OLD-999",
    });
    expect(removed.warnings).toEqual([]);
    expect(
      (
        await failure(
          tech.workOrders.addEquipment({ workOrderId: second.id, description: "Bad", serial: "no spaces allowed" }),
        )
      ).fields?.serial,
    ).toMatch(/Letters, digits/);
  });

  it("photos and the drawn signature round-trip through storage; only the job's people can fetch them", async () => {
    const job = await newJob();
    await onSite(job.id);
    const photo = await upload(techUser.id, { name: "ont.jpg", type: "image/jpeg", bytes: JPEG }, "PHOTO");
    const linked = await tech.workOrders.addPhotos({ workOrderId: job.id, attachmentIds: [photo.id] });
    expect(linked.map((a) => a.kind)).toEqual(["PHOTO"]);
    const sig = await upload(techUser.id, { name: "signature.png", type: "image/png", bytes: PNG }, "SIGNATURE");
    const signed = await tech.workOrders.sign({
      workOrderId: job.id,
      signedByName: "Amina Otieno",
      signatureId: sig.id,
    });
    expect(signed).toMatchObject({ signedByName: "Amina Otieno", signedAt: expect.any(Date) });

    const detail = await tech.workOrders.get({ id: job.id });
    expect(detail.photos.map((p) => p.id)).toEqual([photo.id]);
    expect(detail.signature?.id).toBe(sig.id);
    const fetch = async (userId: string, id: string) =>
      downloadResponse(
        co.company,
        await viewerOf(userId),
        id,
        new Request(`http://wo-isp.localhost/api/attachments/${id}`),
        attachmentOwners,
      );
    const got = await fetch(techUser.id, sig.id);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(Buffer.from(PNG));
    expect((await fetch(dispatcher.ctx.viewer!.userId, photo.id)).status).toBe(200);
    // Another technician, not on this job, learns nothing.
    expect((await fetch(otherTechId, sig.id)).status).toBe(404);

    // Signing again replaces the earlier signature.
    const sig2 = await upload(techUser.id, { name: "signature.png", type: "image/png", bytes: PNG }, "SIGNATURE");
    await tech.workOrders.sign({ workOrderId: job.id, signedByName: "Amina O.", signatureId: sig2.id });
    expect((await tech.workOrders.get({ id: job.id })).signature?.id).toBe(sig2.id);
    expect((await fetch(techUser.id, sig.id)).status).toBe(404);

    // A PDF is not a photo; a JPEG is not a drawn signature; another person's upload cannot be taken.
    const pdf = await upload(techUser.id, { name: "report.pdf", type: "application/pdf", bytes: PDF }, "PHOTO");
    expect((await failure(tech.workOrders.addPhotos({ workOrderId: job.id, attachmentIds: [pdf.id] }))).message).toBe(
      '"report.pdf" is not a photo; only photos can be added to a job.',
    );
    const jpegSig = await upload(techUser.id, { name: "sig.jpg", type: "image/jpeg", bytes: JPEG }, "SIGNATURE");
    expect(
      (await failure(tech.workOrders.sign({ workOrderId: job.id, signedByName: "X Y", signatureId: jpegSig.id })))
        .fields,
    ).toEqual({ signatureId: "Draw the signature again." });
    const someoneElses = await upload(otherTechId, { name: "x.jpg", type: "image/jpeg", bytes: JPEG }, "PHOTO");
    await expectFailure(
      tech.workOrders.addPhotos({ workOrderId: job.id, attachmentIds: [someoneElses.id] }),
      "UNPROCESSABLE_CONTENT",
    );
    expect((await tech.workOrders.get({ id: job.id })).photos).toHaveLength(1);

    await tech.workOrders.removePhoto({ workOrderId: job.id, id: photo.id });
    expect((await tech.workOrders.get({ id: job.id })).photos).toEqual([]);
  });
});

describe("completion", () => {
  it("lists what is missing, then completes with a signature", async () => {
    const job = await newJob({
      checklist: [
        { label: "Check the ONT", required: true },
        { label: "Tidy cables", required: false },
        { label: "Speed test", required: true },
      ],
    });
    await tech.workOrders.advance({ id: job.id, status: "EN_ROUTE" });
    expect((await failure(tech.workOrders.complete({ id: job.id }))).message).toBe(
      `${job.numberLabel} is en route: a job is completed on site (tap "Arrived on site" first).`,
    );
    await tech.workOrders.advance({ id: job.id, status: "ON_SITE" });
    const f = await failure(tech.workOrders.complete({ id: job.id }));
    expect(f.message).toBe(
      `${job.numberLabel} cannot be completed yet: tick the required checklist items "Check the ONT", "Speed test"; and get the customer's signature, or note why the customer could not confirm.`,
    );
    expect(f.fields).toEqual({
      checklist: "2 required items not ticked.",
      confirmation: "Signature or a note that the customer was not present.",
    });
    expect((await tech.workOrders.get({ id: job.id })).status).toBe("ON_SITE");

    await tech.workOrders.tick({ id: job.id, index: 0, done: true });
    await tech.workOrders.tick({ id: job.id, index: 2, done: true });
    expect((await tech.workOrders.get({ id: job.id })).missing).toEqual([
      "get the customer's signature, or note why the customer could not confirm",
    ]);
    const sig = await upload(techUser.id, { name: "signature.png", type: "image/png", bytes: PNG }, "SIGNATURE");
    await tech.workOrders.sign({ workOrderId: job.id, signedByName: "Amina Otieno", signatureId: sig.id });
    const done = await tech.workOrders.complete({ id: job.id, notes: "Replaced the patch cord." });
    expect(done).toMatchObject({
      status: "COMPLETED",
      completionNotes: "Replaced the patch cord.",
      completedAt: expect.any(Date),
    });
    expect((await failure(tech.workOrders.tick({ id: job.id, index: 1, done: true }))).code).toBe("CONFLICT");
    expect((await failure(tech.workOrders.complete({ id: job.id }))).message).toBe(
      `${job.numberLabel} is already completed.`,
    );
  });

  it("completes with 'customer not present' and a note instead of a signature", async () => {
    const job = await newJob({ checklist: [{ label: "Check the mast", required: true }] });
    await onSite(job.id);
    await tech.workOrders.tick({ id: job.id, index: 0, done: true });
    const done = await tech.workOrders.complete({
      id: job.id,
      customerAbsentNote: "Nobody home; the caretaker let me in.",
      notes: "Realigned the dish.",
    });
    expect(done.completionNotes).toBe(
      "Customer not present: Nobody home; the caretaker let me in.\n\nRealigned the dish.",
    );
  });

  it("an installation for a pending subscription records the CPE serial there, only if it has none", async () => {
    const ids = { pkg: newId(), empty: newId(), filled: newId() };
    await withTenant(co.company.id, async (tx) => {
      await tx.package.create({
        data: {
          id: ids.pkg,
          companyId: co.company.id,
          name: "Fibre 20",
          code: "F20",
          type: "FIBER",
          billingCycle: "MONTHLY",
          priceMinor: 3000,
          downloadKbps: 20_000,
          uploadKbps: 10_000,
        },
      });
      await tx.subscription.create({
        data: {
          id: ids.empty,
          companyId: co.company.id,
          customerId,
          packageId: ids.pkg,
          status: "PENDING",
          startDate: new Date("2026-11-20"),
        },
      });
      await tx.subscription.create({
        data: {
          id: ids.filled,
          companyId: co.company.id,
          customerId,
          packageId: ids.pkg,
          status: "PENDING",
          startDate: new Date("2026-11-20"),
          cpeSerial: "TYPED-BY-STAFF",
        },
      });
    });
    for (const [subscriptionId, expected] of [
      [ids.empty, "ZTEG-0042"],
      [ids.filled, "TYPED-BY-STAFF"],
    ] as const) {
      const job = await dispatcher.workOrders.create({
        kind: "INSTALLATION",
        subscriptionId,
        technicianId: techUser.id,
        ...window,
        checklist: [],
      });
      await onSite(job.id);
      await tech.workOrders.addEquipment({ workOrderId: job.id, description: "ZTE F660 ONT", serial: "ZTEG-0042" });
      const done = await tech.workOrders.complete({ id: job.id, customerAbsentNote: "Signed paper form instead." });
      expect(done.cpeSerialRecorded).toBe(subscriptionId === ids.empty ? "ZTEG-0042" : null);
      const sub = await withTenant(co.company.id, (tx) =>
        tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId } }),
      );
      expect(sub.cpeSerial).toBe(expected);
    }
  });
});

describe("the dispatcher's list", () => {
  it("filters by status, kind, technician and dates; searches by number, customer and address", async () => {
    const fresh = await makeCompany("wo-list");
    const admin = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN")).id);
    const t = await makeUser(fresh.company.id, "FIELD_TECHNICIAN");
    const cust = await makeCustomer(fresh.company.id, { firstName: "Zawadi" });
    const a = await admin.workOrders.create({
      kind: "INSTALLATION",
      customerId: cust.id,
      technicianId: t.id,
      windowStart: "2026-12-01T08:00",
      windowEnd: "2026-12-01T10:00",
    });
    const b = await admin.workOrders.create({
      kind: "SITE_SURVEY",
      address: "Kilimani water tower",
      windowStart: "2026-12-03T23:30",
      windowEnd: "2026-12-04T01:00",
    });
    await admin.workOrders.cancel({ id: b.id, reason: "Tower closed" });
    const ids = async (f: Parameters<typeof admin.workOrders.list>[0]) =>
      (await admin.workOrders.list(f)).rows.map((r) => r.id);
    expect(await ids({ status: "open" })).toEqual([a.id]);
    expect(await ids({ status: "CANCELLED" })).toEqual([b.id]);
    expect(await ids({ kind: "SITE_SURVEY" })).toEqual([b.id]);
    expect(await ids({ technicianId: t.id })).toEqual([a.id]);
    expect(await ids({ technicianId: "none" })).toEqual([b.id]);
    // 23:30 on 3 Dec in New York is 4 Dec in UTC: the filter follows the company's calendar.
    expect(await ids({ from: "2026-12-03", to: "2026-12-03" })).toEqual([b.id]);
    expect(await ids({ from: "2026-12-01", to: "2026-12-02" })).toEqual([a.id]);
    expect(await ids({ search: formatWorkOrderNumber(a.number) })).toEqual([a.id]);
    expect(await ids({ search: `wo-${b.number}` })).toEqual([b.id]);
    expect(await ids({ search: "zawadi" })).toEqual([a.id]);
    expect(await ids({ search: "water tower" })).toEqual([b.id]);
    expect(await admin.workOrders.list({ pageSize: 1, page: 2, sort: "number", direction: "asc" })).toMatchObject({
      total: 2,
      pageCount: 2,
      rows: [{ id: b.id }],
    });
  });

  it("edits a scheduled job: reschedule, reassign, checklist; audited field by field", async () => {
    const job = await newJob();
    const moved = await dispatcher.workOrders.update({
      id: job.id,
      kind: "REPAIR",
      title: job.title,
      address: job.address,
      latitude: job.latitude,
      longitude: job.longitude,
      technicianId: otherTechId,
      windowStart: "2026-11-26T13:00",
      windowEnd: "2026-11-26T15:00",
      checklist: [{ label: "Only this", required: true }],
    });
    expect(moved).toMatchObject({
      technician: { id: otherTechId },
      checklist: [{ label: "Only this", done: false, required: true }],
      address: job.address,
    });
    const entry = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findFirstOrThrow({ where: { entityId: job.id, action: "work_order.update" } }),
    );
    expect(Object.keys(entry.after as object).sort()).toEqual(["checklist", "technician", "windowEnd", "windowStart"]);
  });
});
