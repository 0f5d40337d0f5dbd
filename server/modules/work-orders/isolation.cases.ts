import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeUser } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";
import { subscriptionsFixture } from "../subscriptions/isolation.cases";

// Tenant isolation of field work orders.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/**
 * B's job on site with a reading, equipment, a photo and a pending upload of B's technician;
 * A's own job, on site with A's admin as its technician.
 */
export const workOrdersFixture = fixture(async (w) => {
  const { sb } = await subscriptionsFixture(w);
  const bAdmin = await callerAs(w.B.company, (await makeUser(w.B.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  const bTechCaller = await callerAs(
    w.B.company,
    (await makeUser(w.B.company.id, "FIELD_TECHNICIAN", { email: "field@bravo.test" })).id,
  );
  const bTechId = bTechCaller.ctx.viewer!.userId;
  const window = { windowStart: "2026-11-25T09:00", windowEnd: "2026-11-25T11:00" };
  const job = await bAdmin.workOrders.create({
    kind: "REPAIR",
    customerId: sb.customerId,
    subscriptionId: sb.subscriptionId,
    address: "Bravo zebrafruit lane 9",
    technicianId: bTechId,
    ...window,
  });
  await bTechCaller.workOrders.advance({ id: job.id, status: "EN_ROUTE" });
  await bTechCaller.workOrders.advance({ id: job.id, status: "ON_SITE" });
  const measurementId = (
    await bTechCaller.workOrders.recordMeasurement({ workOrderId: job.id, kind: "OPTICAL_POWER_DBM", value: "-21.3" })
  ).id;
  const equipmentId = (
    await bTechCaller.workOrders.addEquipment({
      workOrderId: job.id,
      description: "Bravo ONT",
      serial: "BRAVO-SERIAL-1",
    })
  ).equipment.id;
  const file = (workOrderId: string | null, kind: "PHOTO" | "SIGNATURE") =>
    withTenant(w.B.company.id, (tx) =>
      tx.attachment.create({
        data: {
          id: newId(),
          companyId: w.B.company.id,
          kind,
          workOrderId,
          fileName: "bravo.jpg",
          contentType: "image/jpeg",
          sizeBytes: 3,
          sha256: "x",
          storageKey: `${w.B.company.id}/2026/11/${newId()}`,
          uploadedById: bTechId,
        },
      }),
    );
  const photoId = (await file(job.id, "PHOTO")).id;
  const pendingUploadId = (await file(null, "SIGNATURE")).id;
  const own = await w.aAdmin.workOrders.create({
    kind: "INSTALLATION",
    address: "Alpha road 1",
    technicianId: w.aAdmin.ctx.viewer!.userId,
    ...window,
  });
  await w.aAdmin.workOrders.advance({ id: own.id, status: "EN_ROUTE" });
  await w.aAdmin.workOrders.advance({ id: own.id, status: "ON_SITE" });
  return {
    wob: { workOrderId: job.id, measurementId, equipmentId, photoId, pendingUploadId, aWorkOrderId: own.id },
    sb,
  };
});

export default isolationCases({
  setup: workOrdersFixture,
  snapshotB: async (tx) => ({
    workOrders: await tx.workOrder.findMany({ orderBy: { id: "asc" } }),
    signalMeasurements: await tx.signalMeasurement.findMany({ orderBy: { id: "asc" } }),
    workOrderEquipment: await tx.workOrderEquipment.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.workOrder.findMany()).flatMap((w) => [w.id, w.address]),
    ...(await tx.signalMeasurement.findMany()).map((m) => m.id),
    ...(await tx.workOrderEquipment.findMany()).flatMap((e) => [e.id, e.serial]),
  ],
  procedures: {
    "workOrders.list": async (w, f) => {
      const page = await w.aAdmin.workOrders.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.wob.aWorkOrderId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.workOrders.list({ search: "zebrafruit" })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.workOrders.list({ customerId: f.sb.customerId })).toMatchObject({ total: 0 });
    },
    "workOrders.get": async (w, f) => {
      expect((await failure(w.aAdmin.workOrders.get({ id: f.wob.workOrderId }))).code).toBe("NOT_FOUND");
    },
    "workOrders.mine": async (w, f) => {
      const mine = await w.aAdmin.workOrders.mine();
      expect([...mine.overdue, ...mine.today, ...mine.upcoming].map((w) => w.id)).toContain(f.wob.aWorkOrderId);
      await w.expectNoneOfB(mine);
    },
    "workOrders.technicians": async (w) => {
      const list = await w.aAdmin.workOrders.technicians();
      expect(list.length).toBeGreaterThan(0);
      await w.expectNoneOfB(list);
    },
    "workOrders.prefill": async (w, f) => {
      expect((await failure(w.aAdmin.workOrders.prefill({ customerId: f.sb.customerId }))).code).toBe("NOT_FOUND");
      expect((await failure(w.aAdmin.workOrders.prefill({ subscriptionId: f.sb.subscriptionId }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "workOrders.create": async (w, f) => {
      const window = { windowStart: "2026-11-26T09:00", windowEnd: "2026-11-26T11:00" };
      await expectFailure(
        w.aAdmin.workOrders.create({
          kind: "REPAIR",
          address: "Alpha road 2",
          technicianId: w.bTech.id,
          ...window,
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.workOrders.create({ kind: "REPAIR", customerId: f.sb.customerId, ...window }),
        "NOT_FOUND",
      );
      // A's numbers are its own: B's job does not advance them.
      expect(
        (await w.aAdmin.workOrders.create({ kind: "REPAIR", address: "Alpha road 3", ...window })).numberLabel,
      ).toBe("WO-000002");
    },
    "workOrders.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.update({
          id: f.wob.workOrderId,
          kind: "REPAIR",
          address: "Hijacked",
          windowStart: "2026-11-26T09:00",
          windowEnd: "2026-11-26T11:00",
        }),
        "NOT_FOUND",
      );
    },
    "workOrders.cancel": async (w, f) => {
      expect((await failure(w.aAdmin.workOrders.cancel({ id: f.wob.workOrderId, reason: "Cross-tenant" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "workOrders.advance": async (w, f) => {
      expect((await failure(w.aAdmin.workOrders.advance({ id: f.wob.workOrderId, status: "ON_SITE" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "workOrders.tick": async (w, f) => {
      expect((await failure(w.aAdmin.workOrders.tick({ id: f.wob.workOrderId, index: 0, done: true }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "workOrders.recordMeasurement": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.recordMeasurement({ workOrderId: f.wob.workOrderId, kind: "SNR_DB", value: "30" }),
        "NOT_FOUND",
      );
    },
    "workOrders.removeMeasurement": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.removeMeasurement({ workOrderId: f.wob.workOrderId, id: f.wob.measurementId }),
        "NOT_FOUND",
      );
      // B's reading is not A's job's either.
      await expectFailure(
        w.aAdmin.workOrders.removeMeasurement({ workOrderId: f.wob.aWorkOrderId, id: f.wob.measurementId }),
        "NOT_FOUND",
      );
    },
    "workOrders.addEquipment": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.addEquipment({ workOrderId: f.wob.workOrderId, description: "ONT", serial: "ALPHA-1" }),
        "NOT_FOUND",
      );
      // B's open job with the same serial is invisible: no warning naming it.
      const own = await w.aAdmin.workOrders.addEquipment({
        workOrderId: f.wob.aWorkOrderId,
        description: "Alpha ONT",
        serial: "BRAVO-SERIAL-1",
      });
      expect(own.warnings).toEqual([]);
      await w.aAdmin.workOrders.removeEquipment({ workOrderId: f.wob.aWorkOrderId, id: own.equipment.id });
    },
    "workOrders.deployUnit": async (w, f) => {
      // B's job is not found (B's serial on A's own job: server/modules/inventory/inventory.test.ts).
      await expectFailure(
        w.aAdmin.workOrders.deployUnit({ workOrderId: f.wob.workOrderId, serial: "BRAVO-UNIT-77" }),
        "NOT_FOUND",
      );
    },
    "workOrders.removeEquipment": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.removeEquipment({ workOrderId: f.wob.workOrderId, id: f.wob.equipmentId }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.workOrders.removeEquipment({ workOrderId: f.wob.aWorkOrderId, id: f.wob.equipmentId }),
        "NOT_FOUND",
      );
    },
    "workOrders.addPhotos": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.addPhotos({ workOrderId: f.wob.workOrderId, attachmentIds: [f.wob.pendingUploadId] }),
        "NOT_FOUND",
      );
      // B's pending upload cannot be pulled onto A's own job.
      await expectFailure(
        w.aAdmin.workOrders.addPhotos({ workOrderId: f.wob.aWorkOrderId, attachmentIds: [f.wob.pendingUploadId] }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "workOrders.removePhoto": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.removePhoto({ workOrderId: f.wob.workOrderId, id: f.wob.photoId }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.workOrders.removePhoto({ workOrderId: f.wob.aWorkOrderId, id: f.wob.photoId }),
        "NOT_FOUND",
      );
    },
    "workOrders.sign": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.sign({
          workOrderId: f.wob.workOrderId,
          signedByName: "Eve",
          signatureId: f.wob.pendingUploadId,
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.workOrders.sign({
          workOrderId: f.wob.aWorkOrderId,
          signedByName: "Eve",
          signatureId: f.wob.pendingUploadId,
        }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "workOrders.complete": async (w, f) => {
      await expectFailure(
        w.aAdmin.workOrders.complete({ id: f.wob.workOrderId, customerAbsentNote: "Cross-tenant" }),
        "NOT_FOUND",
      );
    },
  },
});
