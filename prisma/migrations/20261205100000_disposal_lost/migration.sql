-- Inventory (issue 14): a unit a cycle count did not find leaves the books as a disposal of its
-- own kind, LOST (no proceeds; its book value on the day is the loss).

-- AlterEnum
ALTER TYPE "DisposalKind" ADD VALUE 'LOST';
