-- CreateTable
CREATE TABLE "RechargeBatch" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "valueMinor" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "expiresOn" DATE,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RechargeBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RechargeVoucher" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "pinIndex" TEXT NOT NULL,
    "pinSealed" TEXT NOT NULL,
    "redeemedAt" TIMESTAMPTZ(3),
    "customerId" TEXT,
    "walletEntryId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RechargeVoucher_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RechargeBatch_companyId_createdAt_idx" ON "RechargeBatch"("companyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RechargeBatch_companyId_number_key" ON "RechargeBatch"("companyId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RechargeVoucher_walletEntryId_key" ON "RechargeVoucher"("walletEntryId");

-- CreateIndex
CREATE INDEX "RechargeVoucher_companyId_batchId_idx" ON "RechargeVoucher"("companyId", "batchId");

-- CreateIndex
CREATE INDEX "RechargeVoucher_companyId_customerId_idx" ON "RechargeVoucher"("companyId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "RechargeVoucher_companyId_pinIndex_key" ON "RechargeVoucher"("companyId", "pinIndex");

-- CreateIndex
CREATE UNIQUE INDEX "RechargeVoucher_companyId_serial_key" ON "RechargeVoucher"("companyId", "serial");

-- AddForeignKey
ALTER TABLE "RechargeBatch" ADD CONSTRAINT "RechargeBatch_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RechargeVoucher" ADD CONSTRAINT "RechargeVoucher_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RechargeVoucher" ADD CONSTRAINT "RechargeVoucher_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "RechargeBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RechargeVoucher" ADD CONSTRAINT "RechargeVoucher_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A batch has cards and a value; a card is redeemed exactly when it credited a wallet entry,
-- for the customer who redeemed it (all three are set by one statement).
ALTER TABLE "RechargeBatch" ADD CONSTRAINT "RechargeBatch_positive" CHECK ("valueMinor" > 0 AND "quantity" > 0);
ALTER TABLE "RechargeVoucher" ADD CONSTRAINT "RechargeVoucher_redeemed_with_entry"
  CHECK (("redeemedAt" IS NULL) = ("walletEntryId" IS NULL) AND ("redeemedAt" IS NULL) = ("customerId" IS NULL));

-- Row-level security: each company sees only its own batches and cards.
SELECT lastmile_enable_tenant_rls('"RechargeBatch"');
SELECT lastmile_enable_tenant_rls('"RechargeVoucher"');
