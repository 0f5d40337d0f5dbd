import { beforeAll, describe, expect, it } from "vitest";
import { can, ROLE_LABELS } from "../auth/permissions";
import { currentTotp } from "../auth/totp";
import type { Role } from "../db/generated/prisma/enums";
import { withTenant } from "../db/tenant";
import { callerAs, makeCompany, makeUser } from "../test/fixtures";
import { callPath, failure, listProcedures, outcome, PERMISSION_DENIED } from "../test/trpc";

// The role table in server/auth/permissions.ts, checked against the running router: for every
// procedure that declares a permission, each of the seven roles is refused exactly when it
// lacks that permission. New procedures are picked up automatically; give them a plausible
// input below if `{}` would not get past validation.

const ROLES = Object.keys(ROLE_LABELS) as Role[];
type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

let co: Company;
const callers = {} as Record<Role, Caller>;
let targetId: string;

beforeAll(async () => {
  co = await makeCompany("perm-isp");
  for (const role of ROLES)
    callers[role] = await callerAs(
      co.company,
      (await makeUser(co.company.id, role, { email: `${role.toLowerCase()}@perm.test` })).id,
    );
  targetId = (await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "target@perm.test" })).id;
});

/** Inputs that get past validation, so an allowed role reaches the service. */
const plausible: Record<string, (role: Role) => unknown> = {
  "companies.update": () => ({ name: "Perm ISP", currency: "USD", timeZone: "UTC", country: "US" }),
  "users.list": () => ({}),
  "users.get": () => ({ id: targetId }),
  "users.invite": (role) => ({
    email: `invitee-${role.toLowerCase()}@perm.test`,
    name: "Invitee",
    role: "FIELD_TECHNICIAN",
  }),
  "users.revokeInvitation": () => ({ id: "no-such-invitation" }),
  "users.changeRole": () => ({ userId: targetId, role: "TECHNICAL_SUPPORT" }),
  "users.setStatus": () => ({ userId: targetId, status: "ACTIVE" }),
  "auth.account.updateProfile": (role) => ({ name: `${ROLE_LABELS[role]} person` }),
  "auth.account.changePassword": () => ({ currentPassword: "not-my-password", newPassword: "Another-pass-123" }),
  "auth.account.revokeSession": () => ({ id: "no-such-session" }),
  "auth.account.confirmTwoFactor": () => ({ code: "000000" }),
  "audit.list": () => ({}),
  "outbox.list": () => ({}),
  "retention.save": () => ({ radiusSessionDays: 90, usageDays: 730, auditDays: null, outboxDays: 30 }),
  "packages.list": () => ({}),
  "bandwidth.policies.list": () => ({}),
  "bandwidth.policies.get": () => ({ id: "no-such-policy" }),
  "bandwidth.policies.create": (role) => ({
    name: `${ROLE_LABELS[role]} 20M`,
    downloadKbps: 20_000,
    uploadKbps: 5_000,
  }),
  "bandwidth.policies.update": () => ({
    id: "no-such-policy",
    data: { name: "Home 20M", downloadKbps: 20_000, uploadKbps: 5_000 },
  }),
  "bandwidth.policies.delete": () => ({ id: "no-such-policy" }),
  "bandwidth.captive.save": () => ({ suspended: "CAPTIVE", addressList: "lastmile-captive" }),
  "radius.saveSettings": () => ({ staleSessionMinutes: 30 }),
  "packages.get": () => ({ id: "no-such-package" }),
  "packages.archive": () => ({ id: "no-such-package" }),
  "packages.delete": () => ({ id: "no-such-package" }),
  "billing.invoices.writeOff": () => ({ id: "no-such-invoice", reason: "Customer emigrated" }),
  "payments.ofInvoice": () => ({ invoiceId: "no-such-invoice" }),
  "wallet.refundSale": () => ({ entryId: "no-such-entry", amountMinor: 100, reason: "Renewed by mistake" }),
  "wallet.recharge.generate": () => ({ quantity: 1, valueMinor: 1_000 }),
  "wallet.recharge.cards": () => ({ batchId: "no-such-batch" }),
  "wallet.recharge.redeem": () => ({ customerId: "no-such-customer", pin: "0000-0000-0000" }),
  "wallet.recharge.withdraw": () => ({ batchId: "no-such-batch", reason: "stolen from the shop" }),
  "wallet.portal.redeemVoucher": () => ({ pin: "0000-0000-0000" }),
  "subscriptions.list": () => ({ status: "ACTIVE" }),
  "subscriptions.get": () => ({ id: "no-such-subscription" }),
  "subscriptions.activate": () => ({ id: "no-such-subscription" }),
  "subscriptions.suspend": () => ({ id: "no-such-subscription", reason: "Unpaid invoice" }),
  "subscriptions.terminate": () => ({ id: "no-such-subscription", reason: "Customer left" }),
  "subscriptions.reprovision": () => ({ id: "no-such-subscription" }),
  "subscriptions.setAddress": () => ({ id: "no-such-subscription", staticIp: "192.0.2.200" }),
  "subscriptions.setDelegatedPrefix": () => ({ id: "no-such-subscription" }),
  "subscriptions.network": () => ({ id: "no-such-subscription" }),
  "serviceRequests.list": () => ({}),
  "serviceRequests.approve": () => ({ id: "no-such-request" }),
  "serviceRequests.reject": () => ({ id: "no-such-request", note: "Out of coverage" }),
  "serviceRequests.retryApply": () => ({ id: "no-such-request" }),
  "customers.list": () => ({}),
  "customers.get": () => ({ id: "no-such-customer" }),
  "customers.timeline": () => ({ id: "no-such-customer" }),
  "customers.create": (role) => ({
    firstName: ROLE_LABELS[role],
    lastName: "Customer",
    email: `customer-${role.toLowerCase()}@perm.test`,
  }),
  "customers.update": () => ({ id: "no-such-customer", firstName: "Nobody", email: "nobody@perm.test" }),
  "customers.changeStatus": () => ({ id: "no-such-customer", status: "ACTIVE" }),
  "customers.delete": () => ({ id: "no-such-customer" }),
  "customers.invitePortal": () => ({ id: "no-such-customer" }),
  "customers.exportCsv": () => ({}),
  "customers.importCsv": () => ({ csv: "firstName,email\nBad,not-an-email", dryRun: true }),
  "privacy.exportCustomer": () => ({ id: "no-such-customer", format: "json" }),
  "privacy.eraseCustomer": () => ({ id: "no-such-customer", confirmAccountNo: "ACC-000001" }),
  "privacy.exportMine": () => ({ format: "json" }),
  "leads.list": () => ({}),
  "leads.get": () => ({ id: "no-such-lead" }),
  "leads.create": (role) => ({ name: `${ROLE_LABELS[role]} lead`, phone: "0700 000 000" }),
  "leads.update": () => ({ id: "no-such-lead", name: "Nobody", phone: "0700 000 000" }),
  "leads.changeStage": () => ({ id: "no-such-lead", stage: "CONTACTED" }),
  "leads.addActivity": () => ({ leadId: "no-such-lead", body: "Called" }),
  "leads.convert": () => ({ id: "no-such-lead" }),
  "outages.list": () => ({}),
  "outages.get": () => ({ id: "no-such-outage" }),
  "outages.board": () => ({}),
  "outages.uptime": () => ({ deviceId: "no-such-device", from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" }),
  "outages.slaReport": () => ({ from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" }),
  "outages.uptimeByDevice": () => ({ from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" }),
  "outages.serviceQuality": () => ({ from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z", belowSla: true }),
  "outages.saveSettings": () => ({ holdDownPolls: 2, compensationMode: "NONE", compensationMinMinutes: 240 }),
  "outages.open": () => ({ deviceId: "no-such-device", title: "Fibre cut" }),
  "outages.postUpdate": () => ({ outageId: "no-such-outage", message: "Engineers on site" }),
  "outages.resolve": () => ({ id: "no-such-outage", rootCause: "Fibre cut" }),
  "devices.list": () => ({}),
  "devices.get": () => ({ id: "no-such-device" }),
  "monitoring.deviceStatus": () => ({ deviceId: "no-such-device" }),
  "monitoring.deviceTraffic": () => ({ deviceId: "no-such-device", resolution: "HOUR" }),
  "monitoring.bandwidth": () => ({
    from: "2026-11-01T00:00:00Z",
    to: "2026-11-08T00:00:00Z",
    deviceId: "no-such-device",
  }),
  "monitoring.sessionsTrend": () => ({ from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" }),
  "monitoring.topUsers": () => ({ from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z", limit: 5 }),
  "monitoring.latency": () => ({ from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" }),
  "monitoring.capacity": () => ({ days: 30 }),
  "devices.assignManagementIp": () => ({ deviceId: "no-such-device", address: "192.0.2.250" }),
  "devices.create": (role) => ({ name: `${role} router`, deviceTypeId: "no-such-type" }),
  "devices.update": () => ({ id: "no-such-device", name: "Router", deviceTypeId: "no-such-type" }),
  "devices.addInterface": () => ({ deviceId: "no-such-device", name: "ether1" }),
  "devices.updateInterface": () => ({ id: "no-such-interface", name: "ether1" }),
  "devices.createLink": () => ({ kind: "FIBRE", aInterfaceId: "no-such-a", bInterfaceId: "no-such-b" }),
  "devices.deleteLink": () => ({ id: "no-such-link" }),
  "devices.deleteInterface": () => ({ id: "no-such-interface" }),
  "devices.updateManufacturer": (role) => ({ id: "no-such-maker", name: `${role} Renamed` }),
  "devices.updateDeviceType": (role) => ({
    id: "no-such-type",
    manufacturerId: "no-such-maker",
    model: `${role} 2`,
    role: "ROUTER",
  }),
  "devices.attachSubscription": () => ({ subscriptionId: "no-such-subscription", cpeDeviceId: null }),
  "devices.customersBehind": () => ({ deviceId: "no-such-device" }),
  "devices.locate": () => ({ q: "router" }),
  "devices.options": () => ({ q: "router" }),
  "devices.createManufacturer": (role) => ({ name: `${role} Networks` }),
  "devices.deviceTypes": () => ({}),
  "devices.createDeviceType": (role) => ({ manufacturerId: "no-such-maker", model: `${role} 1`, role: "ROUTER" }),
  "depreciation.rules.save": (role) => ({
    category: `${ROLE_LABELS[role]} routers`,
    method: "STRAIGHT_LINE",
    usefulLifeMonths: 36,
  }),
  "depreciation.rules.remove": () => ({ id: "no-such-rule" }),
  "depreciation.asset": () => ({ assetId: "no-such-unit" }),
  "depreciation.bookValues": () => ({}),
  "depreciation.report": () => ({ from: "2026-01", to: "2026-12" }),
  "depreciation.dispose": () => ({ assetId: "no-such-unit", kind: "SCRAPPED", disposedOn: "2026-01-01" }),
  "maintenance.plans.list": () => ({}),
  "maintenance.plans.create": () => ({
    title: "Check batteries",
    assetId: "no-such-unit",
    intervalDays: 90,
    startsOn: "2026-01-01",
  }),
  "maintenance.plans.update": () => ({
    id: "no-such-plan",
    data: { title: "Check batteries", assetId: "no-such-unit", intervalDays: 90, startsOn: "2026-01-01" },
  }),
  "maintenance.plans.setPaused": () => ({ id: "no-such-plan", paused: true }),
  "maintenance.history": () => ({ assetId: "no-such-unit" }),
  "maintenance.due": () => ({ withinDays: 30 }),
  "inventoryReports.movementsByPeriod": () => ({ from: "2026-01-01", to: "2026-12-31" }),
  "inventory.items.list": () => ({}),
  "inventory.items.create": (role) => ({
    sku: `PERM-${role}`,
    name: `${ROLE_LABELS[role]} ONT`,
    category: "ONT",
    tracking: "SERIAL",
  }),
  "inventory.items.update": () => ({
    id: "no-such-item",
    data: { sku: "PERM-X", name: "ONT", category: "ONT", tracking: "SERIAL" },
  }),
  "inventory.locations.list": () => ({}),
  "inventory.locations.create": (role) => ({ name: `${ROLE_LABELS[role]} store`, kind: "WAREHOUSE" }),
  "inventory.stock": () => ({ locationId: "no-such-location" }),
  "inventory.movements.list": () => ({}),
  "inventory.movements.record": () => ({
    kind: "TRANSFER",
    itemId: "no-such-item",
    fromLocationId: "no-such-a",
    toLocationId: "no-such-b",
    quantity: 1,
  }),
  "inventory.assets.lookup": () => ({ serial: "NO-SUCH-SERIAL" }),
  "inventory.assets.list": () => ({}),
  "inventory.assets.forCustomer": () => ({ customerId: "no-such-customer" }),
  "inventory.suppliers.list": () => ({}),
  "inventory.suppliers.create": (role) => ({ name: `${ROLE_LABELS[role]} Supplies` }),
  "inventory.suppliers.update": () => ({ id: "no-such-supplier", data: { name: "Supplies" } }),
  "inventory.purchaseOrders.list": () => ({}),
  "inventory.purchaseOrders.get": () => ({ id: "no-such-order" }),
  "inventory.purchaseOrders.create": () => ({
    supplierId: "no-such-supplier",
    lines: [{ itemId: "no-such-item", quantity: 1 }],
  }),
  "inventory.purchaseOrders.send": () => ({ id: "no-such-order" }),
  "inventory.purchaseOrders.receive": () => ({
    purchaseOrderId: "no-such-order",
    locationId: "no-such-location",
    lines: [{ lineId: "no-such-line", quantity: 1 }],
  }),
  "inventory.purchaseOrders.cancel": () => ({ id: "no-such-order", reason: "Ordered twice" }),
  "inventory.counts.list": () => ({}),
  "inventory.counts.get": () => ({ id: "no-such-count" }),
  "inventory.counts.start": () => ({ locationId: "no-such-location" }),
  "inventory.counts.enter": () => ({
    countId: "no-such-count",
    lines: [{ itemId: "no-such-item", countedQuantity: 1 }],
  }),
  "inventory.counts.addFound": () => ({ countId: "no-such-count", serial: "NO-SUCH-SERIAL" }),
  "inventory.counts.post": () => ({ countId: "no-such-count", reason: "Quarterly count" }),
  "inventory.rmas.list": () => ({}),
  "inventory.rmas.send": () => ({ serial: "NO-SUCH-SERIAL", rmaNumber: "RMA-1", fault: "No power" }),
  "inventory.rmas.close": () => ({
    rmaId: "no-such-rma",
    outcome: "REPAIRED_RETURNED",
    toLocationId: "no-such-location",
  }),
  "inventory.van.issued": () => ({ workOrderId: "no-such-work-order" }),
  "inventory.van.move": () => ({
    kind: "ISSUE",
    itemId: "no-such-item",
    fromLocationId: "no-such-van",
    workOrderId: "no-such-work-order",
    quantity: 1,
  }),
  "vouchers.listBatches": () => ({}),
  "vouchers.getBatch": () => ({ id: "no-such-batch" }),
  "vouchers.generateBatch": () => ({ packageId: "no-such-package", quantity: 1 }),
  "vouchers.disableVoucher": () => ({ id: "no-such-voucher" }),
  "ipam.sites.list": () => ({}),
  "ipam.sites.get": () => ({ id: "no-such-site" }),
  "ipam.sites.create": (role) => ({
    name: `${ROLE_LABELS[role]} site`,
    slug: `site-${role.toLowerCase().replace(/_/g, "-")}`,
  }),
  "ipam.sites.update": () => ({ id: "no-such-site", name: "Nowhere", slug: "nowhere" }),
  "ipam.prefixes.get": () => ({ id: "no-such-prefix" }),
  "ipam.prefixes.pools": () => ({ family: 4 }),
  "ipam.prefixes.create": (role) => ({ prefix: `10.${ROLES.indexOf(role)}.0.0/16`, status: "CONTAINER" }),
  "ipam.prefixes.update": () => ({ id: "no-such-prefix" }),
  "ipam.prefixes.remove": () => ({ id: "no-such-prefix" }),
  "ipam.prefixes.allocatePrefix": () => ({ prefixId: "no-such-prefix", length: 56 }),
  "ipam.prefixes.allocateAddress": () => ({ prefixId: "no-such-prefix" }),
  "ipam.addresses.get": () => ({ id: "no-such-address" }),
  "ipam.addresses.create": (role) => ({ address: `192.0.2.${ROLES.indexOf(role) + 1}` }),
  "ipam.addresses.update": () => ({ id: "no-such-address" }),
  "ipam.addresses.release": () => ({ id: "no-such-address" }),
  "ipam.vlans.create": (role) => ({ vid: ROLES.indexOf(role) + 10, name: "Perm VLAN" }),
  "ipam.vlans.createGroup": (role) => ({ name: `${ROLE_LABELS[role]} group`, slug: `g-${ROLES.indexOf(role)}` }),
  "ipam.vrfs.create": (role) => ({ name: `${ROLE_LABELS[role]} VRF` }),
  "ipam.vrfs.update": () => ({ id: "no-such-vrf", name: "x" }),
  "ipam.import.preview": () => ({ kind: "prefixes", csv: "prefix\n10.250.0.0/24\n" }),
  "ipam.import.run": (role) => ({ kind: "vlans", csv: `vid,name\n${3000 + ROLES.indexOf(role)},Perm import\n` }),
  "nas.list": () => ({}),
  "nas.get": () => ({ id: "no-such-nas" }),
  "nas.create": (role) => ({
    name: `${ROLE_LABELS[role]} NAS`,
    ipAddress: `192.0.2.${ROLES.indexOf(role) + 100}`,
    secret: "perm-shared-secret",
  }),
  "nas.update": () => ({ id: "no-such-nas", name: "Nowhere", ipAddress: "192.0.2.99" }),
  "nas.rotateSecret": () => ({ id: "no-such-nas", secret: "another-secret" }),
  "nas.remove": () => ({ id: "no-such-nas" }),
  "nas.online": () => ({}),
  "nas.forCustomer": () => ({ customerId: "no-such-customer" }),
  "nas.disconnect": () => ({ sessionId: "no-such-session" }),
  "radius.createKey": (role) => ({ name: `${ROLE_LABELS[role]} RADIUS` }),
  "radius.revokeKey": () => ({ id: "no-such-key" }),
  "radius.setKeySources": () => ({ id: "no-such-key", allowedSources: "192.0.2.0/24" }),
  "portal.requestChange": () => ({
    subscriptionId: "no-such-subscription",
    kind: "TERMINATION",
    effectiveDate: "2099-01-01",
  }),
  "portal.updateContact": () => ({ phone: "0700 000 000", contactChannel: "SMS", paperlessBilling: true }),
  "notifications.list": () => ({}),
  "notifications.markRead": () => ({ ids: ["no-such-notification"] }),
  "sla.saveTargets": () => ({
    targets: [
      { priority: "CRITICAL", responseMin: 15, resolutionMin: 240, businessHours: false },
      { priority: "HIGH", responseMin: 60, resolutionMin: 480, businessHours: true },
      { priority: "MEDIUM", responseMin: 240, resolutionMin: 1440, businessHours: true },
      { priority: "LOW", responseMin: 480, resolutionMin: 4320, businessHours: true },
    ],
  }),
  "sla.saveCalendar": () => ({ id: "no-such-calendar", name: "Desk", timeZone: "UTC", hours: { "1": [[480, 1020]] } }),
  "sla.setDefaultCalendar": () => ({ id: "no-such-calendar" }),
  "sla.deleteCalendar": () => ({ id: "no-such-calendar" }),
  "sla.addHoliday": () => ({ calendarId: "no-such-calendar", date: "2026-12-25", name: "Christmas" }),
  "sla.removeHoliday": () => ({ id: "no-such-holiday" }),
  "sla.saveRule": () => ({
    id: "no-such-rule",
    name: "Rule",
    clock: "RESPONSE",
    thresholdPct: 75,
    notify: true,
    raisePriority: false,
    reassignToLead: false,
  }),
  "sla.deleteRule": () => ({ id: "no-such-rule" }),
  "supportReports.overview": () => ({ from: "2026-01-01", to: "2026-01-31" }),
  "supportReports.technicianCsv": () => ({ from: "2026-01-01", to: "2026-01-31" }),
  "kb.saveCategory": (role) => ({ name: `${ROLE_LABELS[role]} category` }),
  "kb.moveCategory": () => ({ id: "no-such-category", direction: "up" }),
  "kb.deleteCategory": () => ({ id: "no-such-category" }),
  "kb.list": () => ({}),
  "kb.get": () => ({ id: "no-such-article" }),
  "kb.create": (role) => ({ title: `${ROLE_LABELS[role]} article`, body: "A short but real article body." }),
  "kb.update": () => ({ id: "no-such-article", title: "Nothing here", body: "A short but real article body." }),
  "kb.delete": () => ({ id: "no-such-article" }),
  "kb.suggest": () => ({ text: "my router is slow" }),
  "kb.help": () => ({}),
  "kb.helpArticle": () => ({ slug: "no-such-article" }),
  "kb.helpViewed": () => ({ slug: "no-such-article" }),
  "workOrders.list": () => ({}),
  "workOrders.get": () => ({ id: "no-such-work-order" }),
  "workOrders.prefill": () => ({}),
  "workOrders.create": () => ({
    kind: "REPAIR",
    address: "1 Permission Road",
    windowStart: "2026-11-25T09:00",
    windowEnd: "2026-11-25T11:00",
  }),
  "workOrders.update": () => ({
    id: "no-such-work-order",
    kind: "REPAIR",
    windowStart: "2026-11-25T09:00",
    windowEnd: "2026-11-25T11:00",
  }),
  "workOrders.cancel": () => ({ id: "no-such-work-order", reason: "Customer away" }),
  "workOrders.advance": () => ({ id: "no-such-work-order", status: "EN_ROUTE" }),
  "workOrders.tick": () => ({ id: "no-such-work-order", index: 0, done: true }),
  "workOrders.recordMeasurement": () => ({ workOrderId: "no-such-work-order", kind: "SNR_DB", value: "30" }),
  "workOrders.removeMeasurement": () => ({ workOrderId: "no-such-work-order", id: "no-such-measurement" }),
  "workOrders.addEquipment": () => ({ workOrderId: "no-such-work-order", description: "ONT", serial: "HWTC-0001" }),
  "workOrders.deployUnit": () => ({ workOrderId: "no-such-work-order", serial: "HWTC-0001" }),
  "workOrders.removeEquipment": () => ({ workOrderId: "no-such-work-order", id: "no-such-equipment" }),
  "workOrders.addPhotos": () => ({ workOrderId: "no-such-work-order", attachmentIds: ["no-such-upload"] }),
  "workOrders.removePhoto": () => ({ workOrderId: "no-such-work-order", id: "no-such-photo" }),
  "workOrders.sign": () => ({
    workOrderId: "no-such-work-order",
    signedByName: "Jane Customer",
    signatureId: "no-such-upload",
  }),
  "workOrders.complete": () => ({ id: "no-such-work-order" }),
  "staff.list": () => ({}),
  "staff.get": () => ({ userId: targetId }),
  "staff.saveProfile": () => ({ userId: targetId, areas: ["Kilimani"], maxOpenTickets: 8 }),
  "staff.createSkill": (role) => ({ name: `${ROLE_LABELS[role]} skill` }),
  "staff.renameSkill": () => ({ id: "no-such-skill", name: "Renamed skill" }),
  "staff.deleteSkill": () => ({ id: "no-such-skill" }),
  "staff.setSkillCategories": () => ({ skillId: "no-such-skill", categoryIds: [] }),
  "staff.setSkill": () => ({ userId: targetId, skillId: "no-such-skill", level: 3 }),
  "staff.removeSkill": () => ({ userId: targetId, skillId: "no-such-skill" }),
  "staff.addCertification": (role) => ({
    userId: targetId,
    name: `${ROLE_LABELS[role]} certificate`,
    expiresOn: "2030-01-01",
  }),
  "staff.updateCertification": () => ({ id: "no-such-certificate", name: "Renewed", expiresOn: "2031-01-01" }),
  "staff.deleteCertification": () => ({ id: "no-such-certificate" }),
  "staff.addTraining": (role) => ({
    userId: targetId,
    course: `${ROLE_LABELS[role]} course`,
    completedOn: "2026-01-15",
  }),
  "staff.deleteTraining": () => ({ id: "no-such-training" }),
  "shifts.week": () => ({ weekStart: "2026-10-05" }),
  "shifts.create": (role) => ({
    userId: targetId,
    start: `2026-10-${String(10 + ROLES.indexOf(role)).padStart(2, "0")}T08:00`,
    end: `2026-10-${String(10 + ROLES.indexOf(role)).padStart(2, "0")}T16:00`,
  }),
  "shifts.update": () => ({
    id: "no-such-shift",
    userId: targetId,
    start: "2026-10-20T08:00",
    end: "2026-10-20T16:00",
  }),
  "shifts.delete": () => ({ id: "no-such-shift" }),
  "shifts.copyPreviousWeek": () => ({ weekStart: "2026-10-12" }),
  "tickets.list": () => ({}),
  "tickets.get": () => ({ id: "no-such-ticket" }),
  "tickets.forCustomer": () => ({ customerId: "no-such-customer" }),
  "tickets.create": () => ({
    categoryId: "no-such-category",
    subject: "Permission check",
    description: "Checking who may open tickets.",
  }),
  "tickets.update": () => ({ id: "no-such-ticket", subject: "Permission check", categoryId: "no-such-category" }),
  "tickets.reply": () => ({ ticketId: "no-such-ticket", body: "Hello" }),
  "tickets.addNote": () => ({ ticketId: "no-such-ticket", body: "Note" }),
  "tickets.setStatus": () => ({ id: "no-such-ticket", status: "IN_PROGRESS" }),
  "tickets.setPriority": () => ({ id: "no-such-ticket", priority: "HIGH" }),
  "tickets.assign": () => ({ id: "no-such-ticket", assigneeId: targetId }),
  "tickets.reroute": () => ({ id: "no-such-ticket" }),
  "tickets.merge": () => ({ sourceId: "no-such-ticket", targetId: "no-such-other-ticket" }),
  "tickets.watch": () => ({ ticketId: "no-such-ticket" }),
  "tickets.unwatch": () => ({ ticketId: "no-such-ticket" }),
  "tickets.addWatcher": () => ({ ticketId: "no-such-ticket", userId: targetId }),
  "tickets.removeWatcher": () => ({ ticketId: "no-such-ticket", userId: targetId }),
  "tickets.canned.list": () => ({}),
  "tickets.canned.create": (role) => ({ title: `${ROLE_LABELS[role]} greeting`, body: "Hello {customer}" }),
  "tickets.canned.update": () => ({ id: "no-such-response", title: "Nobody", body: "Nothing" }),
  "tickets.canned.setArchived": () => ({ id: "no-such-response", archived: true }),
  "tickets.categories.list": () => ({}),
  "tickets.categories.create": (role) => ({ group: "TECHNICAL", name: `${ROLE_LABELS[role]} category` }),
  "tickets.categories.update": () => ({ id: "no-such-category", group: "TECHNICAL", name: "Nobody" }),
  "tickets.categories.setArchived": () => ({ id: "no-such-category", archived: true }),
  "portal.tickets.list": () => ({}),
  "portal.tickets.get": () => ({ id: "no-such-ticket" }),
  "portal.tickets.create": () => ({
    categoryId: "no-such-category",
    subject: "Permission check",
    description: "Checking who may open tickets.",
  }),
  "portal.tickets.reply": () => ({ ticketId: "no-such-ticket", body: "Hello" }),
  "portal.tickets.rate": () => ({ ticketId: "no-such-ticket", rating: 5 }),
  "portal.tickets.suggestArticles": () => ({ text: "slow internet" }),
  "sms.settings.save": () => ({
    provider: "AFRICAS_TALKING",
    account: "sandbox",
    secret: "perm-key",
    senderId: "PERMISP",
  }),
  // A number no SMS can go to: refused before any provider is called.
  "sms.settings.sendTest": () => ({ to: "12" }),
  "sms.templates.save": () => ({ key: "SERVICE_RESTORED", body: "Hi {{firstName}}, you are back online." }),
  "sms.templates.reset": () => ({ key: "SERVICE_RESTORED" }),
  "sms.log.list": () => ({ status: "FAILED" }),
  "sms.log.get": () => ({ id: "no-such-message" }),
};

const auditCount = () => withTenant(co.company.id, (tx) => tx.auditEntry.count());
const permissionProcedures = listProcedures().filter((p) => p.meta?.access === "permission");

describe("every permission-checked procedure refuses exactly the roles without its permission", () => {
  it("finds the procedures to check", () => {
    expect(permissionProcedures.length).toBeGreaterThan(10);
  });

  for (const proc of permissionProcedures) {
    const permission = proc.meta?.access === "permission" ? proc.meta.permission : undefined;
    it(`${proc.path} (${permission})`, async () => {
      const expected: Record<string, string> = {};
      const actual: Record<string, string> = {};
      for (const role of ROLES) {
        const lacks = !can(role, permission!);
        expected[role] = lacks ? "refused" : "allowed";
        // Refusals come before validation, so even `{}` must be refused; allowed roles get a real input.
        const input = lacks ? {} : plausible[proc.path]?.(role);
        const auditBefore = await auditCount();
        const result = await outcome(callPath(callers[role], proc.path, input));
        const refused = result !== "ok" && result.code === "FORBIDDEN" && result.message === PERMISSION_DENIED;
        actual[role] = refused ? "refused" : "allowed";
        if (refused) expect(await auditCount(), `${proc.path} as ${role} left an audit entry`).toBe(auditBefore);
        if (!lacks && result !== "ok") {
          // A business-rule answer is fine (NOT_FOUND, CONFLICT, a FORBIDDEN with its own reason),
          // but never "please sign in" or a crash.
          expect(result.code, `${proc.path} as ${role}: ${result.message}`).not.toMatch(
            /UNAUTHORIZED|INTERNAL_SERVER_ERROR/,
          );
        }
      }
      expect(actual).toEqual(expected);
    });
  }

  it("a refused invitation really sends nothing", async () => {
    const f = await failure(
      callers.NETWORK_ADMIN.users.invite({ email: "sneaky@perm.test", name: "Sneaky", role: "SUPER_ADMIN" }),
    );
    expect(f).toEqual({ code: "FORBIDDEN", message: PERMISSION_DENIED });
    const sent = await withTenant(co.company.id, (tx) => tx.outboundEmail.count({ where: { to: "sneaky@perm.test" } }));
    const invited = await withTenant(co.company.id, (tx) =>
      tx.invitation.count({ where: { email: "sneaky@perm.test" } }),
    );
    expect({ sent, invited }).toEqual({ sent: 0, invited: 0 });
  });

  it("a refused role change leaves the role as it was", async () => {
    const f = await failure(
      callers.CUSTOMER_SERVICE_MANAGER.users.changeRole({
        userId: callers.CUSTOMER.ctx.viewer!.userId,
        role: "SUPER_ADMIN",
      }),
    );
    expect(f.code).toBe("FORBIDDEN");
    const user = await withTenant(co.company.id, (tx) =>
      tx.user.findUnique({ where: { id: callers.CUSTOMER.ctx.viewer!.userId } }),
    );
    expect(user?.role).toBe("CUSTOMER");
  });
});

describe("the two-factor gate", () => {
  it("a Super Admin without TOTP may only enrol, then may work once signed in again", async () => {
    const admin = await makeUser(co.company.id, "SUPER_ADMIN", { email: "fresh-admin@perm.test", twoFactor: false });
    const caller = await callerAs(co.company, admin.id);
    expect(caller.ctx.viewer!.mustEnrolTwoFactor).toBe(true);

    expect(await failure(caller.users.list({}))).toEqual({
      code: "FORBIDDEN",
      message: "Set up two-factor authentication first.",
    });
    const { secret } = await caller.auth.account.beginTwoFactor();
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    const { recoveryCodes } = await caller.auth.account.confirmTwoFactor({ code: currentTotp(secret) });
    expect(recoveryCodes).toHaveLength(10);

    const after = await callerAs(co.company, admin.id);
    expect(after.ctx.viewer!.mustEnrolTwoFactor).toBe(false);
    expect((await after.users.list({})).total).toBeGreaterThan(0);
  });

  it("until then every procedure not marked beforeTwoFactor is refused, and the marked ones are not", async () => {
    const admin = await makeUser(co.company.id, "SUPER_ADMIN", { email: "gated-admin@perm.test", twoFactor: false });
    const caller = await callerAs(co.company, admin.id);
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const proc of permissionProcedures) {
      if (proc.meta?.access !== "permission") continue;
      expected[proc.path] = proc.meta.beforeTwoFactor ? "allowed" : "gated";
      const result = await outcome(callPath(caller, proc.path, plausible[proc.path]?.("SUPER_ADMIN")));
      actual[proc.path] =
        result !== "ok" && result.message === "Set up two-factor authentication first." ? "gated" : "allowed";
    }
    expect(actual).toEqual(expected);
    // The ones a person needs to get through enrolment are among the allowed.
    for (const path of [
      "auth.account.me",
      "auth.account.beginTwoFactor",
      "auth.account.confirmTwoFactor",
      "auth.account.changePassword",
    ])
      expect(actual[path], path).toBe("allowed");
  });

  it("a Billing Admin is gated too, a Network Admin is not", async () => {
    const billing = await callerAs(
      co.company,
      (await makeUser(co.company.id, "BILLING_ADMIN", { twoFactor: false })).id,
    );
    const noc = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN", { twoFactor: false })).id);
    expect((await failure(billing.auth.account.updateProfile({ name: "Billing person" }))).message).toBe(
      "Set up two-factor authentication first.",
    );
    expect(await noc.auth.account.updateProfile({ name: "NOC person" })).toMatchObject({ name: "NOC person" });
  });
});
