-- CreateEnum
CREATE TYPE "MpesaEnvironment" AS ENUM ('SANDBOX', 'PRODUCTION');

-- CreateTable
CREATE TABLE "StripeSettings" (
    "companyId" TEXT NOT NULL,
    "secretKeySealed" TEXT NOT NULL,
    "webhookSecretSealed" TEXT NOT NULL,
    "urlTokenSealed" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StripeSettings_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "MpesaSettings" (
    "companyId" TEXT NOT NULL,
    "environment" "MpesaEnvironment" NOT NULL,
    "shortcode" TEXT NOT NULL,
    "till" TEXT,
    "consumerKey" TEXT NOT NULL,
    "consumerSecretSealed" TEXT NOT NULL,
    "passkeySealed" TEXT NOT NULL,
    "initiatorName" TEXT,
    "securityCredentialSealed" TEXT,
    "urlTokenSealed" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MpesaSettings_pkey" PRIMARY KEY ("companyId")
);

-- AddForeignKey
ALTER TABLE "StripeSettings" ADD CONSTRAINT "StripeSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MpesaSettings" ADD CONSTRAINT "MpesaSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: each company sees only its own payment settings.
SELECT lastmile_enable_tenant_rls('"StripeSettings"');
SELECT lastmile_enable_tenant_rls('"MpesaSettings"');
