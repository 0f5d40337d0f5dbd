-- CreateEnum
CREATE TYPE "WalletEntryKind" AS ENUM ('TOP_UP', 'RENEWAL', 'VOUCHER_PURCHASE', 'DATA_TOP_UP', 'REFUND', 'ADJUSTMENT');

-- AlterTable
ALTER TABLE "Package" ADD COLUMN     "prepaid" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "WalletEntry" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" "WalletEntryKind" NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "balanceAfterMinor" BIGINT NOT NULL,
    "reference" TEXT NOT NULL,
    "description" TEXT,
    "paymentId" TEXT,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalletEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrepaidTerm" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "termStart" DATE NOT NULL,
    "termEnd" DATE NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "walletEntryId" TEXT NOT NULL,
    "warnedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrepaidTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrepaidHold" (
    "subscriptionId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrepaidHold_pkey" PRIMARY KEY ("subscriptionId")
);

-- CreateIndex
CREATE INDEX "WalletEntry_companyId_customerId_createdAt_idx" ON "WalletEntry"("companyId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WalletEntry_companyId_paymentId_key" ON "WalletEntry"("companyId", "paymentId");

-- CreateIndex
CREATE INDEX "PrepaidTerm_companyId_termEnd_idx" ON "PrepaidTerm"("companyId", "termEnd");

-- CreateIndex
CREATE UNIQUE INDEX "PrepaidTerm_subscriptionId_termStart_key" ON "PrepaidTerm"("subscriptionId", "termStart");

-- CreateIndex
CREATE INDEX "PrepaidHold_companyId_customerId_idx" ON "PrepaidHold"("companyId", "customerId");

-- AddForeignKey
ALTER TABLE "WalletEntry" ADD CONSTRAINT "WalletEntry_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletEntry" ADD CONSTRAINT "WalletEntry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrepaidTerm" ADD CONSTRAINT "PrepaidTerm_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrepaidTerm" ADD CONSTRAINT "PrepaidTerm_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrepaidTerm" ADD CONSTRAINT "PrepaidTerm_walletEntryId_fkey" FOREIGN KEY ("walletEntryId") REFERENCES "WalletEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrepaidHold" ADD CONSTRAINT "PrepaidHold_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrepaidHold" ADD CONSTRAINT "PrepaidHold_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: each company sees only its own wallets and prepaid terms.
SELECT lastmile_enable_tenant_rls('"WalletEntry"');
SELECT lastmile_enable_tenant_rls('"PrepaidTerm"');
SELECT lastmile_enable_tenant_rls('"PrepaidHold"');
