-- Exclusion constraints on (company, VRF, inet) need GiST operator classes for text equality.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateEnum
CREATE TYPE "PrefixStatus" AS ENUM ('CONTAINER', 'ACTIVE', 'RESERVED', 'DEPRECATED');

-- CreateEnum
CREATE TYPE "IpAddressStatus" AS ENUM ('ACTIVE', 'RESERVED', 'DEPRECATED', 'DHCP');

-- CreateEnum
CREATE TYPE "IpAddressRole" AS ENUM ('LOOPBACK', 'SECONDARY', 'ANYCAST', 'VIP', 'GATEWAY');

-- CreateEnum
CREATE TYPE "VlanStatus" AS ENUM ('ACTIVE', 'RESERVED', 'DEPRECATED');

-- CreateEnum
CREATE TYPE "IpamEventKind" AS ENUM ('ALLOCATED', 'RESERVED', 'RELEASED', 'DELEGATED');

-- CreateTable
CREATE TABLE "Vrf" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rd" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Vrf_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Aggregate" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "prefix" INET NOT NULL,
    "rir" TEXT,
    "dateAdded" DATE,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Aggregate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VlanGroup" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "siteId" TEXT,
    "minVid" INTEGER NOT NULL DEFAULT 1,
    "maxVid" INTEGER NOT NULL DEFAULT 4094,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VlanGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vlan" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "groupId" TEXT,
    "siteId" TEXT,
    "vid" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" "VlanStatus" NOT NULL DEFAULT 'ACTIVE',
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Vlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prefix" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "prefix" INET NOT NULL,
    "vrfId" TEXT,
    "siteId" TEXT,
    "vlanId" TEXT,
    "status" "PrefixStatus" NOT NULL DEFAULT 'ACTIVE',
    "isPool" BOOLEAN NOT NULL DEFAULT false,
    "subscriptionId" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Prefix_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpRange" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "vrfId" TEXT,
    "startAddress" INET NOT NULL,
    "endAddress" INET NOT NULL,
    "status" "IpAddressStatus" NOT NULL DEFAULT 'ACTIVE',
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IpRange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpAddress" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "address" INET NOT NULL,
    "vrfId" TEXT,
    "status" "IpAddressStatus" NOT NULL DEFAULT 'ACTIVE',
    "role" "IpAddressRole",
    "dnsName" TEXT,
    "description" TEXT,
    "subscriptionId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IpAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpamEvent" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "kind" "IpamEventKind" NOT NULL,
    "value" TEXT NOT NULL,
    "vrfId" TEXT,
    "poolPrefixId" TEXT,
    "subscriptionId" TEXT,
    "actorLabel" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IpamEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Vrf_companyId_name_key" ON "Vrf"("companyId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Vrf_companyId_rd_key" ON "Vrf"("companyId", "rd");

-- CreateIndex
CREATE INDEX "Aggregate_companyId_prefix_idx" ON "Aggregate"("companyId", "prefix");

-- CreateIndex
CREATE UNIQUE INDEX "VlanGroup_companyId_slug_key" ON "VlanGroup"("companyId", "slug");

-- CreateIndex
CREATE INDEX "Vlan_companyId_vid_idx" ON "Vlan"("companyId", "vid");

-- CreateIndex
CREATE INDEX "Prefix_companyId_vrfId_prefix_idx" ON "Prefix"("companyId", "vrfId", "prefix");

-- CreateIndex
CREATE INDEX "Prefix_companyId_subscriptionId_idx" ON "Prefix"("companyId", "subscriptionId");

-- CreateIndex
CREATE INDEX "IpRange_companyId_vrfId_startAddress_idx" ON "IpRange"("companyId", "vrfId", "startAddress");

-- CreateIndex
CREATE INDEX "IpAddress_companyId_vrfId_address_idx" ON "IpAddress"("companyId", "vrfId", "address");

-- CreateIndex
CREATE INDEX "IpAddress_companyId_subscriptionId_idx" ON "IpAddress"("companyId", "subscriptionId");

-- CreateIndex
CREATE INDEX "IpamEvent_companyId_createdAt_idx" ON "IpamEvent"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "IpamEvent_companyId_poolPrefixId_createdAt_idx" ON "IpamEvent"("companyId", "poolPrefixId", "createdAt");

-- AddForeignKey
ALTER TABLE "Vrf" ADD CONSTRAINT "Vrf_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Aggregate" ADD CONSTRAINT "Aggregate_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VlanGroup" ADD CONSTRAINT "VlanGroup_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VlanGroup" ADD CONSTRAINT "VlanGroup_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vlan" ADD CONSTRAINT "Vlan_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vlan" ADD CONSTRAINT "Vlan_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "VlanGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vlan" ADD CONSTRAINT "Vlan_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_vrfId_fkey" FOREIGN KEY ("vrfId") REFERENCES "Vrf"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_vlanId_fkey" FOREIGN KEY ("vlanId") REFERENCES "Vlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpRange" ADD CONSTRAINT "IpRange_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpRange" ADD CONSTRAINT "IpRange_vrfId_fkey" FOREIGN KEY ("vrfId") REFERENCES "Vrf"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAddress" ADD CONSTRAINT "IpAddress_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAddress" ADD CONSTRAINT "IpAddress_vrfId_fkey" FOREIGN KEY ("vrfId") REFERENCES "Vrf"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAddress" ADD CONSTRAINT "IpAddress_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpamEvent" ADD CONSTRAINT "IpamEvent_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: each company sees only its own IPAM.
SELECT lastmile_enable_tenant_rls('"Vrf"');
SELECT lastmile_enable_tenant_rls('"Aggregate"');
SELECT lastmile_enable_tenant_rls('"VlanGroup"');
SELECT lastmile_enable_tenant_rls('"Vlan"');
SELECT lastmile_enable_tenant_rls('"Prefix"');
SELECT lastmile_enable_tenant_rls('"IpRange"');
SELECT lastmile_enable_tenant_rls('"IpAddress"');
SELECT lastmile_enable_tenant_rls('"IpamEvent"');

-- Shapes Prisma cannot express (see prisma/models/ipam.prisma for the rules).
-- A prefix is a network: no host bits (what the `cidr` type enforces).
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_is_network" CHECK ("prefix" = network("prefix"));
ALTER TABLE "Aggregate" ADD CONSTRAINT "Aggregate_is_network" CHECK ("prefix" = network("prefix"));
-- An address is one host.
ALTER TABLE "IpAddress" ADD CONSTRAINT "IpAddress_is_host"
  CHECK (masklen("address") = CASE family("address") WHEN 4 THEN 32 ELSE 128 END);
ALTER TABLE "IpRange" ADD CONSTRAINT "IpRange_bounds" CHECK (
  family("startAddress") = family("endAddress") AND host("startAddress")::inet <= host("endAddress")::inet
  AND masklen("startAddress") = CASE family("startAddress") WHEN 4 THEN 32 ELSE 128 END
  AND masklen("endAddress") = CASE family("endAddress") WHEN 4 THEN 32 ELSE 128 END);
ALTER TABLE "Vlan" ADD CONSTRAINT "Vlan_vid_range" CHECK ("vid" BETWEEN 1 AND 4094);
ALTER TABLE "VlanGroup" ADD CONSTRAINT "VlanGroup_vid_range" CHECK (1 <= "minVid" AND "minVid" <= "maxVid" AND "maxVid" <= 4094);

-- The same prefix twice in one VRF (or the global table).
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_no_duplicate" EXCLUDE USING gist
  ("companyId" WITH =, (COALESCE("vrfId", '')) WITH =, "prefix" inet_ops WITH =);
-- Leaves (not containers, not pools) never overlap one another in one VRF.
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_leaves_do_not_overlap" EXCLUDE USING gist
  ("companyId" WITH =, (COALESCE("vrfId", '')) WITH =, "prefix" inet_ops WITH &&)
  WHERE ("status" <> 'CONTAINER' AND NOT "isPool");
-- Pools never overlap one another in one VRF.
ALTER TABLE "Prefix" ADD CONSTRAINT "Prefix_pools_do_not_overlap" EXCLUDE USING gist
  ("companyId" WITH =, (COALESCE("vrfId", '')) WITH =, "prefix" inet_ops WITH &&)
  WHERE ("isPool");
-- The same address twice in one VRF, even from two transactions at once.
ALTER TABLE "IpAddress" ADD CONSTRAINT "IpAddress_unique_in_vrf" EXCLUDE USING gist
  ("companyId" WITH =, (COALESCE("vrfId", '')) WITH =, "address" inet_ops WITH =);
-- Aggregates never overlap.
ALTER TABLE "Aggregate" ADD CONSTRAINT "Aggregate_no_overlap" EXCLUDE USING gist
  ("companyId" WITH =, "prefix" inet_ops WITH &&);
-- VLAN ids are unique within a group, and among the VLANs of no group.
CREATE UNIQUE INDEX "Vlan_companyId_group_vid_key" ON "Vlan" ("companyId", (COALESCE("groupId", '')), "vid");
