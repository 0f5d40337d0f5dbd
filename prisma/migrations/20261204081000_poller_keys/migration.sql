-- CreateEnum
CREATE TYPE "ServerKeyUse" AS ENUM ('RADIUS', 'POLLER');

-- AlterTable: keys made before poller keys existed are FreeRADIUS's.
ALTER TABLE "RadiusServerKey" ADD COLUMN     "use" "ServerKeyUse" NOT NULL DEFAULT 'RADIUS';
