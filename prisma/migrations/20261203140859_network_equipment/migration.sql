-- CreateEnum
CREATE TYPE "DeviceRole" AS ENUM ('ROUTER', 'SWITCH', 'OLT', 'ONT', 'ACCESS_POINT', 'CPE', 'SERVER');

-- CreateEnum
CREATE TYPE "DeviceStatus" AS ENUM ('PLANNED', 'ACTIVE', 'OFFLINE', 'DECOMMISSIONED');

-- CreateEnum
CREATE TYPE "InterfaceKind" AS ENUM ('ETHERNET', 'SFP', 'PON', 'WIRELESS', 'VIRTUAL', 'OTHER');

-- CreateEnum
CREATE TYPE "PonStandard" AS ENUM ('GPON', 'XGS_PON', 'EPON');

-- CreateEnum
CREATE TYPE "LinkKind" AS ENUM ('COPPER', 'FIBRE', 'WIRELESS');

-- CreateEnum
CREATE TYPE "SnmpVersion" AS ENUM ('V2C', 'V3');

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "accessInterfaceId" TEXT,
ADD COLUMN     "cpeDeviceId" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "deviceId" TEXT;

-- AlterTable
ALTER TABLE "WorkOrderEquipment" ADD COLUMN     "deviceId" TEXT;

-- CreateTable
CREATE TABLE "Manufacturer" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Manufacturer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceType" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "manufacturerId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "role" "DeviceRole" NOT NULL,
    "portTemplates" JSONB NOT NULL DEFAULT '[]',
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "deviceTypeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serial" TEXT,
    "mac" TEXT,
    "managementIpAddressId" TEXT,
    "rack" TEXT,
    "rackUnit" INTEGER,
    "status" "DeviceStatus" NOT NULL DEFAULT 'ACTIVE',
    "firmware" TEXT,
    "snmpVersion" "SnmpVersion",
    "snmpCommunity" TEXT,
    "snmpV3User" TEXT,
    "snmpV3AuthProtocol" TEXT,
    "snmpV3AuthKey" TEXT,
    "snmpV3PrivProtocol" TEXT,
    "snmpV3PrivKey" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interface" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "InterfaceKind" NOT NULL DEFAULT 'ETHERNET',
    "ponStandard" "PonStandard",
    "mac" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Interface_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Link" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "kind" "LinkKind" NOT NULL,
    "aInterfaceId" TEXT NOT NULL,
    "aDeviceId" TEXT NOT NULL,
    "bInterfaceId" TEXT NOT NULL,
    "bDeviceId" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Manufacturer_companyId_name_key" ON "Manufacturer"("companyId", "name");

-- CreateIndex
CREATE INDEX "DeviceType_companyId_role_idx" ON "DeviceType"("companyId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceType_companyId_manufacturerId_model_key" ON "DeviceType"("companyId", "manufacturerId", "model");

-- CreateIndex
CREATE INDEX "Device_companyId_status_idx" ON "Device"("companyId", "status");

-- CreateIndex
CREATE INDEX "Device_companyId_deviceTypeId_idx" ON "Device"("companyId", "deviceTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "Device_companyId_serial_key" ON "Device"("companyId", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "Device_companyId_name_key" ON "Device"("companyId", "name");

-- CreateIndex
CREATE INDEX "Interface_companyId_deviceId_idx" ON "Interface"("companyId", "deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Interface_deviceId_name_key" ON "Interface"("deviceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Interface_id_deviceId_key" ON "Interface"("id", "deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Link_aInterfaceId_key" ON "Link"("aInterfaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Link_bInterfaceId_key" ON "Link"("bInterfaceId");

-- CreateIndex
CREATE INDEX "Link_companyId_aDeviceId_idx" ON "Link"("companyId", "aDeviceId");

-- CreateIndex
CREATE INDEX "Link_companyId_bDeviceId_idx" ON "Link"("companyId", "bDeviceId");

-- CreateIndex
CREATE INDEX "Subscription_companyId_cpeDeviceId_idx" ON "Subscription"("companyId", "cpeDeviceId");

-- CreateIndex
CREATE INDEX "Subscription_companyId_accessInterfaceId_idx" ON "Subscription"("companyId", "accessInterfaceId");

-- CreateIndex
CREATE INDEX "Ticket_companyId_deviceId_idx" ON "Ticket"("companyId", "deviceId");

-- CreateIndex
CREATE INDEX "WorkOrderEquipment_companyId_deviceId_idx" ON "WorkOrderEquipment"("companyId", "deviceId");

-- AddForeignKey
ALTER TABLE "Manufacturer" ADD CONSTRAINT "Manufacturer_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceType" ADD CONSTRAINT "DeviceType_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceType" ADD CONSTRAINT "DeviceType_manufacturerId_fkey" FOREIGN KEY ("manufacturerId") REFERENCES "Manufacturer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_deviceTypeId_fkey" FOREIGN KEY ("deviceTypeId") REFERENCES "DeviceType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_aInterfaceId_aDeviceId_fkey" FOREIGN KEY ("aInterfaceId", "aDeviceId") REFERENCES "Interface"("id", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_bInterfaceId_bDeviceId_fkey" FOREIGN KEY ("bInterfaceId", "bDeviceId") REFERENCES "Interface"("id", "deviceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_cpeDeviceId_fkey" FOREIGN KEY ("cpeDeviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_accessInterfaceId_fkey" FOREIGN KEY ("accessInterfaceId") REFERENCES "Interface"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderEquipment" ADD CONSTRAINT "WorkOrderEquipment_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A link joins two interfaces of two different devices, and an interface is on at most one link,
-- whichever end: the unique indexes above cover each end alone, this trigger the crossing case
-- (the a-end of one link as the b-end of another). Both interfaces are locked first, so two links
-- racing for the same port queue up and the second sees the first. The interfaces are read under
-- row-level security: a foreign key check would accept another company's interface id.
CREATE OR REPLACE FUNCTION lastmile_link_ends_free() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  found integer;
BEGIN
  IF NEW."aInterfaceId" = NEW."bInterfaceId" OR NEW."aDeviceId" = NEW."bDeviceId" THEN
    RAISE EXCEPTION 'A link must join two different devices.'
      USING ERRCODE = '23514', CONSTRAINT = 'Link_not_to_itself';
  END IF;
  PERFORM 1 FROM "Interface"
    WHERE id IN (NEW."aInterfaceId", NEW."bInterfaceId") AND "companyId" = NEW."companyId"
    ORDER BY id FOR UPDATE;
  GET DIAGNOSTICS found = ROW_COUNT;
  IF found <> 2 THEN
    RAISE EXCEPTION 'Both ends of a link must be interfaces of the same company.'
      USING ERRCODE = '23503', CONSTRAINT = 'Link_interface_company';
  END IF;
  IF EXISTS (
    SELECT 1 FROM "Link"
     WHERE id <> NEW.id
       AND ("aInterfaceId" IN (NEW."aInterfaceId", NEW."bInterfaceId")
         OR "bInterfaceId" IN (NEW."aInterfaceId", NEW."bInterfaceId"))
  ) THEN
    RAISE EXCEPTION 'This interface is already cabled.'
      USING ERRCODE = '23505', CONSTRAINT = 'Link_interface_cabled';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER link_ends_free BEFORE INSERT OR UPDATE ON "Link"
  FOR EACH ROW EXECUTE FUNCTION lastmile_link_ends_free();

-- Free text becomes devices. Every distinct CPE serial typed on a subscription becomes a CPE
-- device (one per company and serial, whatever its case; an "Unknown" manufacturer's "Customer
-- CPE" type), and the subscription points at it. Tickets whose device reference is a device's
-- serial or name, and work-order equipment whose serial is a device's, point at that device; a
-- ticket's text is cleared once matched, what matched nothing stays as typed. Ids derive from
-- the company and serial, so the statements agree with each other without a lookup table.
-- Row-level security is lifted on the old tables for this transaction only (the migration owner
-- need not be a superuser), and the new tables get theirs just below.
ALTER TABLE "Subscription" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "Ticket" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "WorkOrderEquipment" NO FORCE ROW LEVEL SECURITY;

INSERT INTO "Manufacturer" (id, "companyId", name)
SELECT DISTINCT 'mf_' || md5("companyId" || ':unknown'), "companyId", 'Unknown'
  FROM "Subscription" WHERE btrim(coalesce("cpeSerial", '')) <> '';

INSERT INTO "DeviceType" (id, "companyId", "manufacturerId", model, role)
SELECT DISTINCT 'dt_' || md5("companyId" || ':cpe'), "companyId", 'mf_' || md5("companyId" || ':unknown'), 'Customer CPE', 'CPE'::"DeviceRole"
  FROM "Subscription" WHERE btrim(coalesce("cpeSerial", '')) <> '';

INSERT INTO "Device" (id, "companyId", "deviceTypeId", name, serial, status, notes, "updatedAt")
SELECT DISTINCT ON ("companyId", upper(btrim("cpeSerial")))
       'dv_' || md5("companyId" || ':' || upper(btrim("cpeSerial"))), "companyId", 'dt_' || md5("companyId" || ':cpe'),
       'CPE ' || btrim("cpeSerial"), btrim("cpeSerial"),
       (CASE status WHEN 'TERMINATED' THEN 'DECOMMISSIONED' WHEN 'PENDING' THEN 'PLANNED' ELSE 'ACTIVE' END)::"DeviceStatus",
       'Created from the CPE serial typed on a subscription.', now()
  FROM "Subscription" WHERE btrim(coalesce("cpeSerial", '')) <> ''
 ORDER BY "companyId", upper(btrim("cpeSerial")), (status = 'TERMINATED'), "createdAt" DESC;

UPDATE "Subscription"
   SET "cpeDeviceId" = 'dv_' || md5("companyId" || ':' || upper(btrim("cpeSerial")))
 WHERE btrim(coalesce("cpeSerial", '')) <> '';

UPDATE "Ticket" t
   SET "deviceId" = (SELECT d.id FROM "Device" d
                      WHERE d."companyId" = t."companyId"
                        AND (upper(d.serial) = upper(btrim(t."deviceRef")) OR upper(d.name) = upper(btrim(t."deviceRef")))
                      ORDER BY d.id LIMIT 1)
 WHERE btrim(coalesce(t."deviceRef", '')) <> '';
UPDATE "Ticket" SET "deviceRef" = NULL WHERE "deviceId" IS NOT NULL;

UPDATE "WorkOrderEquipment" e
   SET "deviceId" = (SELECT d.id FROM "Device" d
                      WHERE d."companyId" = e."companyId" AND upper(d.serial) = upper(btrim(e.serial))
                      ORDER BY d.id LIMIT 1);

ALTER TABLE "Subscription" FORCE ROW LEVEL SECURITY;
ALTER TABLE "Ticket" FORCE ROW LEVEL SECURITY;
ALTER TABLE "WorkOrderEquipment" FORCE ROW LEVEL SECURITY;

-- Row-level security: each company sees only its own catalogue, devices, interfaces and links.
SELECT lastmile_enable_tenant_rls('"Manufacturer"');
SELECT lastmile_enable_tenant_rls('"DeviceType"');
SELECT lastmile_enable_tenant_rls('"Device"');
SELECT lastmile_enable_tenant_rls('"Interface"');
SELECT lastmile_enable_tenant_rls('"Link"');
