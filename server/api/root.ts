import { auditRouter } from "../modules/audit/router";
import { accountRouter, passwordResetRouter } from "../modules/auth/router";
import { companiesRouter } from "../modules/companies/router";
import { outboxRouter } from "../modules/outbox/router";
import { usersRouter } from "../modules/users/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  companies: companiesRouter,
  users: usersRouter,
  account: accountRouter,
  passwordReset: passwordResetRouter,
  audit: auditRouter,
  outbox: outboxRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
