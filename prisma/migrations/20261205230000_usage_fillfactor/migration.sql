-- A subscriber's hourly and daily usage rows are rewritten by every accounting batch or group
-- that reports on its sessions (the bytes added). With full pages each new version goes to
-- another page and into both indexes (three more WAL records a row); room left on the page lets
-- PostgreSQL write it beside the old one without touching an index (a HOT update, as for
-- RadiusSession). Rows are updated once per statement, so half a page is room for a new version
-- of every row on it; pruning frees the old ones before the next batch. Pages written from now on
-- keep the room; existing full pages move their rows to new ones on their next update.
ALTER TABLE "UsageHourly" SET (fillfactor = 50);
ALTER TABLE "UsageDaily" SET (fillfactor = 50);
