import type { z } from "zod";
import { listPage } from "../../lib/schema";
import type { Scope } from "../scope";
import { listOutboxSchema } from "./schema";

// The company's sent e-mail (written by server/lib/mailer.ts as it sends), newest first, so a
// super admin can see (and, without a mail provider, follow) invitations and reset links.

export async function list(scope: Scope, input: z.input<typeof listOutboxSchema>) {
  const { page, pageSize } = listOutboxSchema.parse(input);
  return listPage(
    { page, pageSize },
    {
      count: () => scope.tx.outboundEmail.count(),
      rows: (window) => scope.tx.outboundEmail.findMany({ orderBy: { createdAt: "desc" }, ...window }),
    },
  );
}

/**
 * Deletes at most `limit` of the company's sent e-mails recorded before `cutoff`, for the retention
 * job: a batch at a time, SKIP LOCKED so two runs at once share the rows instead of waiting.
 */
export async function pruneOlderThan(scope: Scope, cutoff: Date, limit: number): Promise<number> {
  return scope.tx.$executeRaw`
    DELETE FROM "OutboundEmail" WHERE id IN (
      SELECT id FROM "OutboundEmail"
      WHERE "companyId" = ${scope.companyId} AND "createdAt" < ${cutoff}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}
