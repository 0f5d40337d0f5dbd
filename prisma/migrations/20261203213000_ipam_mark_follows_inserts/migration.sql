-- The pool's low-water mark ("allUsedBelow", 20261203190000_ipam_pool_low_water_mark) is kept by
-- every write, not only by the allocation service: addresses that arrive by an import, typed in
-- by hand or by raw SQL move it too, a new pool gets one, and a pool whose prefix or VRF changes
-- gets a new one instead of none. Without a mark the next allocation walked every used address
-- from the pool's first host (60,000 index entries, 37 ms, in a full /16); now that walk happens
-- once, in the statement that made the mark stale, and an allocation starts from the mark.
--
-- The mark stays a lower bound: every host of the pool below it is in use. Raising it to the
-- first free address at or after it is always safe; lowering it is the release trigger's job.
-- Each statement below that moves a mark holds the pool's advisory lock (as allocations and
-- releases do), so it cannot interleave with an allocation reading the mark.

-- The first free host of `pool` (in the company's VRF, NULL: the global table) at or after
-- `start` (NULL or outside the pool: from the pool's first host), or NULL when there is none.
-- IPv4 prefixes shorter than /31 skip the network and broadcast addresses; IPv6 prefixes shorter
-- than /127 skip the first (the subnet-router anycast address). The one definition of the search:
-- the allocation service calls it too (server/modules/ipam/allocation.ts).
--
-- One ordered walk of the ("companyId", "vrfId", address) index pairing each used address with
-- the next (lead) and stopping at the first pair with a hole between them; ordered by the index's
-- own columns (vrfId IS NULL is no equality to the planner, so ORDER BY address alone sorted
-- every row), and no probe per used address (a probe went to the GiST exclusion index, ~0.6 ms
-- each; so is the first host's, hence a range read in index order for it too). docs/BENCHMARKS.md
-- has the plans.
CREATE OR REPLACE FUNCTION lastmile_ipam_first_free(company TEXT, vrf TEXT, pool INET, start INET) RETURNS INET
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  host0 INET := host(network(pool))::inet
    + CASE WHEN (family(pool) = 4 AND masklen(pool) < 31) OR (family(pool) = 6 AND masklen(pool) < 127) THEN 1 ELSE 0 END;
  hi INET := host(broadcast(pool))::inet - CASE WHEN family(pool) = 4 AND masklen(pool) < 31 THEN 1 ELSE 0 END;
  lo INET := CASE WHEN family(start) = family(pool) AND start > host0 THEN host(start)::inet ELSE host0 END;
  gap INET;
BEGIN
  IF lo > hi THEN
    RETURN NULL;
  END IF;
  IF vrf IS NULL THEN
    SELECT f.address INTO gap FROM "IpAddress" f WHERE f."companyId" = company AND f."vrfId" IS NULL AND f.address >= lo
     ORDER BY f."companyId", f."vrfId", f.address LIMIT 1;
    IF gap IS DISTINCT FROM lo THEN
      RETURN lo;
    END IF;
    SELECT w.address + 1 INTO gap FROM (
      SELECT a.address, lead(a.address) OVER (ORDER BY a."companyId", a."vrfId", a.address) AS next
        FROM "IpAddress" a
       WHERE a."companyId" = company AND a."vrfId" IS NULL AND a.address >= lo AND a.address <= hi) w
     WHERE w.address < hi AND (w.next IS NULL OR w.next <> w.address + 1)
     LIMIT 1;
  ELSE
    SELECT f.address INTO gap FROM "IpAddress" f WHERE f."companyId" = company AND f."vrfId" = vrf AND f.address >= lo
     ORDER BY f."companyId", f."vrfId", f.address LIMIT 1;
    IF gap IS DISTINCT FROM lo THEN
      RETURN lo;
    END IF;
    SELECT w.address + 1 INTO gap FROM (
      SELECT a.address, lead(a.address) OVER (ORDER BY a."companyId", a."vrfId", a.address) AS next
        FROM "IpAddress" a
       WHERE a."companyId" = company AND a."vrfId" = vrf AND a.address >= lo AND a.address <= hi) w
     WHERE w.address < hi AND (w.next IS NULL OR w.next <> w.address + 1)
     LIMIT 1;
  END IF;
  RETURN host(gap)::inet;
END $$;

-- Addresses inserted at a pool's mark (or at its first host, when it has no mark yet): the mark
-- moves to the first free address after them. Once per statement, so an import of 60,000
-- addresses walks the pool once. An insert above the mark leaves it alone: it stays a lower bound.
-- (A pool without a mark is full: lastmile_ipam_first_free found nothing; a release gives it one.)
CREATE OR REPLACE FUNCTION lastmile_ipam_insert_raises_mark() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  pool RECORD;
BEGIN
  FOR pool IN
    SELECT DISTINCT q.id FROM "Prefix" q JOIN added a
        ON q."companyId" = a."companyId" AND q."vrfId" IS NOT DISTINCT FROM a."vrfId" AND q."isPool" AND q.prefix >> a.address
     WHERE a.address = q."allUsedBelow" OR q."allUsedBelow" IS NULL
     ORDER BY q.id
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('ipam:prefix:' || pool.id, 0));
    UPDATE "Prefix" q
       SET "allUsedBelow" = COALESCE(lastmile_ipam_first_free(q."companyId", q."vrfId", q.prefix, q."allUsedBelow"), q."allUsedBelow")
     WHERE q.id = pool.id;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER ipam_insert_raises_mark AFTER INSERT ON "IpAddress"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION lastmile_ipam_insert_raises_mark();

-- A new pool, or a pool whose prefix or VRF changed (or that became a pool): its mark is the first
-- free address, found now, under the pool's lock. Not a pool: no mark.
CREATE OR REPLACE FUNCTION lastmile_ipam_pool_change_sets_mark() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NOT NEW."isPool" THEN
    NEW."allUsedBelow" := NULL;
  ELSIF TG_OP = 'INSERT' OR NEW.prefix IS DISTINCT FROM OLD.prefix OR NEW."vrfId" IS DISTINCT FROM OLD."vrfId"
        OR NOT OLD."isPool" THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('ipam:prefix:' || NEW.id, 0));
    NEW."allUsedBelow" := lastmile_ipam_first_free(NEW."companyId", NEW."vrfId", NEW.prefix, NULL);
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER ipam_pool_change_clears_mark ON "Prefix";
DROP FUNCTION lastmile_ipam_pool_change_clears_mark();
CREATE TRIGGER ipam_pool_change_sets_mark BEFORE INSERT OR UPDATE OF prefix, "vrfId", "isPool" ON "Prefix"
  FOR EACH ROW EXECUTE FUNCTION lastmile_ipam_pool_change_sets_mark();

-- A release from a full pool (no mark) gives it one: every host below the released one is in use.
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
     AND "isPool" AND prefix >> OLD.address AND ("allUsedBelow" > OLD.address OR "allUsedBelow" IS NULL);
  RETURN NULL;
END $$;

-- Pools that exist already: their mark, found once now.
UPDATE "Prefix" SET "allUsedBelow" = lastmile_ipam_first_free("companyId", "vrfId", prefix, "allUsedBelow")
 WHERE "isPool";
