import { inOrder } from "../../db/tenant";
import { z } from "zod";
import { protectedProcedure, router } from "../../api/trpc";

// The company's sent e-mail, so a super admin can see (and, without a mail provider, follow)
// invitations and reset links.
export const outboxRouter = router({
  list: protectedProcedure("outbox:read")
    .input(
      z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) }),
    )
    .query(async ({ ctx, input }) => {
      const [total, rows] = await inOrder([
        ctx.scope.tx.outboundEmail.count(),
        ctx.scope.tx.outboundEmail.findMany({
          orderBy: { createdAt: "desc" },
          skip: (input.page - 1) * input.pageSize,
          take: input.pageSize,
        }),
      ]);
      return {
        total,
        page: input.page,
        pageSize: input.pageSize,
        pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
        rows,
      };
    }),
});
