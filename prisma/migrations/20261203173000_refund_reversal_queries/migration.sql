-- AlterTable
ALTER TABLE "Refund" ADD COLUMN     "requestRef" TEXT,
ADD COLUMN     "statusQueryRef" TEXT;

-- A reversal that timed out in Safaricom's queue was marked FAILED, but M-Pesa may still have
-- made it: it is PENDING again (its amount held), for the sweep to ask Daraja about it.
UPDATE "Refund" SET status = 'PENDING',
  "failureReason" = 'M-Pesa did not answer the reversal in time: asking M-Pesa whether it was made.'
WHERE status = 'FAILED' AND "failureReason" LIKE 'M-Pesa did not process the reversal in time%';
