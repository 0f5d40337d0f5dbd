-- CreateEnum
CREATE TYPE "PriceTaxMode" AS ENUM ('EXCLUSIVE', 'INCLUSIVE');

-- CreateEnum
CREATE TYPE "RoundingMode" AS ENUM ('HALF_UP', 'HALF_EVEN');

-- CreateEnum
CREATE TYPE "CycleAlignment" AS ENUM ('ANNIVERSARY', 'CALENDAR');

-- CreateEnum
CREATE TYPE "SuspendedBilling" AS ENUM ('BILL', 'PAUSE');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'OPEN', 'PARTIALLY_PAID', 'PAID', 'VOID', 'UNCOLLECTIBLE');

-- CreateEnum
CREATE TYPE "InvoiceLineKind" AS ENUM ('RECURRING', 'PRORATION', 'SETUP_FEE', 'ONE_OFF', 'OVERAGE', 'DISCOUNT', 'CREDIT', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "BillingRunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "BillingRunTrigger" AS ENUM ('SCHEDULE', 'MANUAL');

-- AlterTable
ALTER TABLE "Package" ADD COLUMN     "overagePerGbMinor" INTEGER;

-- CreateTable
CREATE TABLE "BillingSettings" (
    "companyId" TEXT NOT NULL,
    "invoicePrefix" TEXT NOT NULL DEFAULT 'INV-',
    "paymentTermsDays" INTEGER NOT NULL DEFAULT 14,
    "taxMode" "PriceTaxMode" NOT NULL DEFAULT 'EXCLUSIVE',
    "roundingMode" "RoundingMode" NOT NULL DEFAULT 'HALF_UP',
    "cycleAlignment" "CycleAlignment" NOT NULL DEFAULT 'ANNIVERSARY',
    "suspendedBilling" "SuspendedBilling" NOT NULL DEFAULT 'BILL',
    "taxRegistrationNumber" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BillingSettings_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "TaxRate" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rateBps" INTEGER NOT NULL,
    "taxCategory" "TaxCategory" NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TaxRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxExemption" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "taxRateId" TEXT NOT NULL,
    "certificateRef" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaxExemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "number" INTEGER,
    "prefix" TEXT NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
    "currency" CHAR(3) NOT NULL,
    "issueDate" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "periodStart" DATE,
    "periodEnd" DATE,
    "taxMode" "PriceTaxMode" NOT NULL,
    "roundingMode" "RoundingMode" NOT NULL,
    "subtotalMinor" INTEGER NOT NULL,
    "discountMinor" INTEGER NOT NULL DEFAULT 0,
    "taxMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "amountPaidMinor" INTEGER NOT NULL DEFAULT 0,
    "companyTaxNumber" TEXT,
    "customerTaxNumberSealed" TEXT,
    "billingRunId" TEXT,
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "InvoiceLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "packageId" TEXT,
    "periodStart" DATE,
    "periodEnd" DATE,
    "quantity" INTEGER NOT NULL,
    "unitPriceMinor" INTEGER NOT NULL,
    "grossMinor" INTEGER NOT NULL,
    "discountBps" INTEGER NOT NULL DEFAULT 0,
    "discountMinor" INTEGER NOT NULL DEFAULT 0,
    "netMinor" INTEGER NOT NULL,
    "taxMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "usedMb" INTEGER,
    "includedMb" INTEGER,
    "rule" TEXT NOT NULL,

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLineTax" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "taxRateId" TEXT,
    "name" TEXT NOT NULL,
    "rateBps" INTEGER NOT NULL,
    "taxableMinor" INTEGER NOT NULL,
    "taxMinor" INTEGER NOT NULL,

    CONSTRAINT "InvoiceLineTax_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingPeriod" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "invoiceId" TEXT,
    "billingRunId" TEXT,
    "skippedReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingRun" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "runDate" DATE NOT NULL,
    "trigger" "BillingRunTrigger" NOT NULL,
    "status" "BillingRunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedById" TEXT,
    "invoicesCreated" INTEGER NOT NULL DEFAULT 0,
    "periodsBilled" INTEGER NOT NULL DEFAULT 0,
    "periodsSkipped" INTEGER NOT NULL DEFAULT 0,
    "totalMinor" BIGINT NOT NULL DEFAULT 0,
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "failures" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BillingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TaxRate_companyId_taxCategory_idx" ON "TaxRate"("companyId", "taxCategory");

-- CreateIndex
CREATE UNIQUE INDEX "TaxRate_companyId_name_key" ON "TaxRate"("companyId", "name");

-- CreateIndex
CREATE INDEX "TaxExemption_companyId_customerId_idx" ON "TaxExemption"("companyId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "TaxExemption_customerId_taxRateId_key" ON "TaxExemption"("customerId", "taxRateId");

-- CreateIndex
CREATE INDEX "Invoice_companyId_status_dueDate_idx" ON "Invoice"("companyId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Invoice_companyId_customerId_issueDate_idx" ON "Invoice"("companyId", "customerId", "issueDate");

-- CreateIndex
CREATE INDEX "Invoice_companyId_issueDate_idx" ON "Invoice"("companyId", "issueDate");

-- CreateIndex
CREATE INDEX "Invoice_companyId_billingRunId_idx" ON "Invoice"("companyId", "billingRunId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_companyId_number_key" ON "Invoice"("companyId", "number");

-- CreateIndex
CREATE INDEX "InvoiceLine_companyId_subscriptionId_idx" ON "InvoiceLine"("companyId", "subscriptionId");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceLine_invoiceId_position_key" ON "InvoiceLine"("invoiceId", "position");

-- CreateIndex
CREATE INDEX "InvoiceLineTax_companyId_invoiceId_idx" ON "InvoiceLineTax"("companyId", "invoiceId");

-- CreateIndex
CREATE INDEX "InvoiceLineTax_companyId_taxRateId_idx" ON "InvoiceLineTax"("companyId", "taxRateId");

-- CreateIndex
CREATE INDEX "BillingPeriod_companyId_subscriptionId_periodEnd_idx" ON "BillingPeriod"("companyId", "subscriptionId", "periodEnd");

-- CreateIndex
CREATE INDEX "BillingPeriod_companyId_invoiceId_idx" ON "BillingPeriod"("companyId", "invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingPeriod_subscriptionId_periodStart_key" ON "BillingPeriod"("subscriptionId", "periodStart");

-- CreateIndex
CREATE INDEX "BillingRun_companyId_startedAt_idx" ON "BillingRun"("companyId", "startedAt");

-- CreateIndex
CREATE INDEX "BillingRun_companyId_runDate_idx" ON "BillingRun"("companyId", "runDate");

-- AddForeignKey
ALTER TABLE "BillingSettings" ADD CONSTRAINT "BillingSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxRate" ADD CONSTRAINT "TaxRate_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxExemption" ADD CONSTRAINT "TaxExemption_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxExemption" ADD CONSTRAINT "TaxExemption_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxExemption" ADD CONSTRAINT "TaxExemption_taxRateId_fkey" FOREIGN KEY ("taxRateId") REFERENCES "TaxRate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_billingRunId_fkey" FOREIGN KEY ("billingRunId") REFERENCES "BillingRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLineTax" ADD CONSTRAINT "InvoiceLineTax_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLineTax" ADD CONSTRAINT "InvoiceLineTax_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLineTax" ADD CONSTRAINT "InvoiceLineTax_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "InvoiceLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingPeriod" ADD CONSTRAINT "BillingPeriod_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingPeriod" ADD CONSTRAINT "BillingPeriod_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingPeriod" ADD CONSTRAINT "BillingPeriod_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingPeriod" ADD CONSTRAINT "BillingPeriod_billingRunId_fkey" FOREIGN KEY ("billingRunId") REFERENCES "BillingRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingRun" ADD CONSTRAINT "BillingRun_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: every billing table is tenant-owned.
SELECT lastmile_enable_tenant_rls('"BillingSettings"');
SELECT lastmile_enable_tenant_rls('"TaxRate"');
SELECT lastmile_enable_tenant_rls('"TaxExemption"');
SELECT lastmile_enable_tenant_rls('"Invoice"');
SELECT lastmile_enable_tenant_rls('"InvoiceLine"');
SELECT lastmile_enable_tenant_rls('"InvoiceLineTax"');
SELECT lastmile_enable_tenant_rls('"BillingPeriod"');
SELECT lastmile_enable_tenant_rls('"BillingRun"');

-- An issued invoice is final: corrections are credit notes. Lines and their taxes are never
-- updated, and an invoice's amounts, customer, number and dates cannot change once it left DRAFT
-- (its status, payments and voiding still move).
REVOKE UPDATE ON "InvoiceLine" FROM lastmile_app;
REVOKE UPDATE ON "InvoiceLineTax" FROM lastmile_app;
CREATE OR REPLACE FUNCTION lastmile_invoice_issued_is_final() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'DRAFT' AND (
       NEW."customerId" IS DISTINCT FROM OLD."customerId" OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.prefix IS DISTINCT FROM OLD.prefix OR NEW.currency IS DISTINCT FROM OLD.currency
    OR NEW."issueDate" IS DISTINCT FROM OLD."issueDate" OR NEW."dueDate" IS DISTINCT FROM OLD."dueDate"
    OR NEW."subtotalMinor" IS DISTINCT FROM OLD."subtotalMinor" OR NEW."discountMinor" IS DISTINCT FROM OLD."discountMinor"
    OR NEW."taxMinor" IS DISTINCT FROM OLD."taxMinor" OR NEW."totalMinor" IS DISTINCT FROM OLD."totalMinor"
    OR NEW.status = 'DRAFT') THEN
    RAISE EXCEPTION 'An issued invoice cannot be edited; corrections are credit notes';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER invoice_issued_is_final BEFORE UPDATE ON "Invoice"
  FOR EACH ROW EXECUTE FUNCTION lastmile_invoice_issued_is_final();
