-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailUnverified" BOOLEAN NOT NULL DEFAULT false;
