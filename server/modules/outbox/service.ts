import type { z } from "zod";
import { inOrder } from "../../db/tenant";
import type { Scope } from "../scope";
import { listOutboxSchema } from "./schema";

// The company's sent e-mail (written by server/lib/mailer.ts as it sends), newest first, so a
// super admin can see (and, without a mail provider, follow) invitations and reset links.

export async function list(scope: Scope, input: z.input<typeof listOutboxSchema>) {
  const { page, pageSize } = listOutboxSchema.parse(input);
  const [total, rows] = await inOrder([
    scope.tx.outboundEmail.count(),
    scope.tx.outboundEmail.findMany({ orderBy: { createdAt: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), rows };
}
