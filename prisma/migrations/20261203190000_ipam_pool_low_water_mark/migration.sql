-- A pool's low-water mark for next-free allocation: every host address of the pool below
-- "allUsedBelow" is in use, so the search for the first free address starts there instead of
-- reading every used address from the pool's first (60,000 index entries in a full /16).
--
-- It only ever needs to be a lower bound. An allocation raises it under the pool's advisory lock
-- (server/modules/ipam/allocation.ts). Releasing an address, changing it or moving it to another
-- VRF lowers the mark of every pool holding the old address (the trigger below, so every write
-- path is covered: the service, imports, raw SQL). Changing a pool's prefix or VRF clears its
-- mark. Adding addresses by hand never makes the mark wrong.
--
-- Concurrency: the release takes the same advisory lock as an allocation from each pool it
-- touches (in id order) before lowering the mark, and holds it to commit. Without it, an
-- allocation could walk while the release's delete is still uncommitted (so still "used" to it),
-- raise the mark past the released address, and the release's own UPDATE, having read the old
-- mark, would not lower it again. The allocation reads the mark after taking its lock.

-- AlterTable
ALTER TABLE "Prefix" ADD COLUMN     "allUsedBelow" INET;

CREATE OR REPLACE FUNCTION lastmile_ipam_release_lowers_mark() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.address = OLD.address AND NEW."vrfId" IS NOT DISTINCT FROM OLD."vrfId"
     AND NEW."companyId" = OLD."companyId" THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('ipam:prefix:' || id, 0)) FROM "Prefix"
   WHERE "companyId" = OLD."companyId" AND "vrfId" IS NOT DISTINCT FROM OLD."vrfId"
     AND "isPool" AND prefix >> OLD.address
   ORDER BY id;
  UPDATE "Prefix" SET "allUsedBelow" = OLD.address
   WHERE "companyId" = OLD."companyId" AND "vrfId" IS NOT DISTINCT FROM OLD."vrfId"
     AND "isPool" AND prefix >> OLD.address AND "allUsedBelow" > OLD.address;
  RETURN NULL;
END $$;

CREATE TRIGGER ipam_release_lowers_mark AFTER DELETE OR UPDATE OF address, "vrfId", "companyId" ON "IpAddress"
  FOR EACH ROW EXECUTE FUNCTION lastmile_ipam_release_lowers_mark();

CREATE OR REPLACE FUNCTION lastmile_ipam_pool_change_clears_mark() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.prefix IS DISTINCT FROM OLD.prefix OR NEW."vrfId" IS DISTINCT FROM OLD."vrfId" OR NOT NEW."isPool" THEN
    NEW."allUsedBelow" := NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER ipam_pool_change_clears_mark BEFORE UPDATE OF prefix, "vrfId", "isPool" ON "Prefix"
  FOR EACH ROW EXECUTE FUNCTION lastmile_ipam_pool_change_clears_mark();
