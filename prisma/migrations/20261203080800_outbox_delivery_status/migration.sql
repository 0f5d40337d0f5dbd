-- CreateEnum
CREATE TYPE "OutboundEmailStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'NOT_SENT');

-- AlterTable
ALTER TABLE "OutboundEmail" ADD COLUMN     "failure" TEXT,
ADD COLUMN     "sentAt" TIMESTAMPTZ(3),
ADD COLUMN     "status" "OutboundEmailStatus" NOT NULL DEFAULT 'QUEUED';

-- Messages recorded before: delivered when a provider was configured, only recorded otherwise.
UPDATE "OutboundEmail" SET "status" = CASE WHEN "provider" = 'outbox' THEN 'NOT_SENT' ELSE 'SENT' END::"OutboundEmailStatus",
  "sentAt" = CASE WHEN "provider" = 'outbox' THEN NULL ELSE "createdAt" END;

-- They kept their invitation, reset, confirmation and rating links in clear: mask the tokens,
-- as the mailer now does for every new message.
UPDATE "OutboundEmail" SET
  "text" = regexp_replace("text", '/(invite|reset-password|verify-email|csat)/[A-Za-z0-9_-]{16,}', '/\1/••••••', 'g'),
  "html" = regexp_replace("html", '/(invite|reset-password|verify-email|csat)/[A-Za-z0-9_-]{16,}', '/\1/••••••', 'g')
WHERE "text" ~ '/(invite|reset-password|verify-email|csat)/[A-Za-z0-9_-]{16,}'
   OR "html" ~ '/(invite|reset-password|verify-email|csat)/[A-Za-z0-9_-]{16,}';
