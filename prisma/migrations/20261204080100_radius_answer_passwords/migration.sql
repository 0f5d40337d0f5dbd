-- The PPPoE passwords of subscriptions made before RadiusPassword existed are copied into it by
-- this migration's data step (prisma/data-migrations.ts, storeRadiusPasswords), which needs the
-- app's APP_ENCRYPTION_KEY to open the sealed copies. Nothing to do in SQL.
SELECT 1;
