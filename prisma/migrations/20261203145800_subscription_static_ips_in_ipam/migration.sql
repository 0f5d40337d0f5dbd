-- Subscriptions' static IPs become IPAM addresses. At this point no prefix exists yet, so every
-- address lands in the global table (no VRF); an address belongs to whichever prefix contains
-- it, so one created later around it adopts it. Only well-formed IPv4 values of subscriptions
-- that are not terminated are moved; where two such subscriptions share one address, the newest
-- gets it. Idempotent: an address already in IPAM is left alone.
-- Row-level security would hide every company's rows from the migration's role; lifted for this
-- transaction only.
ALTER TABLE "Subscription" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "IpAddress" NO FORCE ROW LEVEL SECURITY;

INSERT INTO "IpAddress" (id, "companyId", address, status, "subscriptionId", description, "createdAt", "updatedAt")
SELECT DISTINCT ON (s."companyId", s.ip)
       'ip' || replace(gen_random_uuid()::text, '-', ''), s."companyId", s.ip, 'ACTIVE', s.id,
       'Static IP of the subscription', now(), now()
  FROM (SELECT sub.*, trim(sub."staticIp")::inet AS ip
          FROM "Subscription" sub
         WHERE sub.status <> 'TERMINATED'
           AND trim(sub."staticIp") ~ '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$') s
 WHERE NOT EXISTS (SELECT 1 FROM "IpAddress" a WHERE a."companyId" = s."companyId" AND a."vrfId" IS NULL AND a.address = s.ip)
 ORDER BY s."companyId", s.ip, s."createdAt" DESC;

ALTER TABLE "Subscription" FORCE ROW LEVEL SECURITY;
ALTER TABLE "IpAddress" FORCE ROW LEVEL SECURITY;
