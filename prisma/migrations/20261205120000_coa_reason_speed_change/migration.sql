-- A CoA sent because a bandwidth policy or a package's speeds were edited, told apart from a
-- subscriber's own package change.
ALTER TYPE "CoaReason" ADD VALUE 'SPEED_CHANGE';
