-- A session's row is rewritten by every Interim-Update (counters, time, updatedAt). With full
-- pages each new version goes to another page and into all five indexes; room left on the page
-- lets PostgreSQL write it beside the old one without touching an index (a HOT update), when
-- no indexed column changed.
ALTER TABLE "RadiusSession" SET (fillfactor = 50);
