-- AlterTable
ALTER TABLE "RechargeVoucher" ADD COLUMN     "withdrawnAt" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawnReason" TEXT;
