-- RADIUS: sessions whose NAS fell silent are closed after the company's grace period
-- (server/modules/radius/stale.ts); the period is the company's RADIUS setting.

-- CreateTable
CREATE TABLE "RadiusSettings" (
    "companyId" TEXT NOT NULL,
    "staleSessionMinutes" INTEGER DEFAULT 20,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RadiusSettings_pkey" PRIMARY KEY ("companyId")
);

-- AddForeignKey
ALTER TABLE "RadiusSettings" ADD CONSTRAINT "RadiusSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT lastmile_enable_tenant_rls('"RadiusSettings"');
