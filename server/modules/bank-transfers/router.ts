import { protectedProcedure, router } from "../../api/trpc";
import { attachmentIdsSchema } from "../storage/schema";
import * as proofs from "./proofs";
import {
  listProofsSchema,
  myProofsSchema,
  rejectProofSchema,
  statementHeadersSchema,
  statementPreviewSchema,
  submitProofSchema,
  verifyProofSchema,
} from "./schema";
import * as statements from "./statement-import";

// Bank transfers: the statement import (staff) and proofs of transfer (customers send, staff decide).
const statementRouter = router({
  headers: protectedProcedure("billing:manage")
    .input(statementHeadersSchema)
    .mutation(({ ctx, input }) => statements.headers(ctx.scope, input)),
  /** A dry run: a mutation because the file travels in the body, but it writes nothing. */
  preview: protectedProcedure("billing:manage")
    .input(statementPreviewSchema)
    .mutation(({ ctx, input }) => statements.preview(ctx.scope, input)),
  confirm: protectedProcedure("billing:manage")
    .input(statementPreviewSchema)
    .mutation(({ ctx, input }) => statements.confirm(ctx.scope, input)),
});

const proofsRouter = router({
  list: protectedProcedure("billing:read")
    .input(listProofsSchema)
    .query(({ ctx, input }) => proofs.list(ctx.scope, input)),
  verify: protectedProcedure("billing:manage")
    .input(verifyProofSchema)
    .mutation(({ ctx, input }) => proofs.verify(ctx.scope, input)),
  reject: protectedProcedure("billing:manage")
    .input(rejectProofSchema)
    .mutation(({ ctx, input }) => proofs.reject(ctx.scope, input)),
  /** The signed-in customer's own proofs (portal). */
  mine: protectedProcedure("portal:access")
    .input(myProofsSchema)
    .query(({ ctx, input }) => proofs.mine(ctx.scope, ctx.viewer.userId, input)),
  submit: protectedProcedure("portal:access")
    .input(submitProofSchema.extend({ attachmentIds: attachmentIdsSchema }))
    .mutation(({ ctx, input }) => proofs.submit(ctx.scope, ctx.viewer.userId, input)),
});

export const bankTransfersRouter = router({ statement: statementRouter, proofs: proofsRouter });
