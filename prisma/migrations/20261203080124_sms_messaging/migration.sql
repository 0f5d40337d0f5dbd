-- CreateEnum
CREATE TYPE "SmsProvider" AS ENUM ('AFRICAS_TALKING', 'TWILIO');

-- CreateEnum
CREATE TYPE "SmsStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "SmsTemplateKey" AS ENUM ('INVOICE_ISSUED', 'PAYMENT_RECEIVED', 'PAYMENT_REMINDER', 'SERVICE_SUSPENDED', 'SERVICE_RESTORED', 'DATA_CAP_80', 'DATA_CAP_100');

-- CreateTable
CREATE TABLE "SmsSettings" (
    "companyId" TEXT NOT NULL,
    "provider" "SmsProvider" NOT NULL,
    "account" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SmsSettings_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "SmsTemplate" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "key" "SmsTemplateKey" NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SmsTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "template" "SmsTemplateKey",
    "segments" INTEGER NOT NULL,
    "provider" "SmsProvider" NOT NULL,
    "status" "SmsStatus" NOT NULL DEFAULT 'QUEUED',
    "providerMessageId" TEXT,
    "error" TEXT,
    "costMicros" BIGINT,
    "costCurrency" CHAR(3),
    "claimedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SmsTemplate_companyId_key_key" ON "SmsTemplate"("companyId", "key");

-- CreateIndex
CREATE INDEX "SmsMessage_companyId_createdAt_idx" ON "SmsMessage"("companyId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "SmsMessage_companyId_status_createdAt_idx" ON "SmsMessage"("companyId", "status", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "SmsMessage_companyId_idempotencyKey_key" ON "SmsMessage"("companyId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "SmsSettings" ADD CONSTRAINT "SmsSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsTemplate" ADD CONSTRAINT "SmsTemplate_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Row-level security: each company sees only its own SMS account, templates and log.
SELECT lastmile_enable_tenant_rls('"SmsSettings"');
SELECT lastmile_enable_tenant_rls('"SmsTemplate"');
SELECT lastmile_enable_tenant_rls('"SmsMessage"');
