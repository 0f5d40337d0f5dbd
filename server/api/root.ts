import { auditRouter } from "../modules/audit/router";
import { accountRouter, passwordResetRouter } from "../modules/auth/router";
import { companiesRouter } from "../modules/companies/router";
import { customersRouter } from "../modules/customers/router";
import { leadsRouter } from "../modules/leads/router";
import { outboxRouter } from "../modules/outbox/router";
import { packagesRouter } from "../modules/packages/router";
import { portalRouter } from "../modules/portal/router";
import { serviceRequestsRouter } from "../modules/service-requests/router";
import { subscriptionsRouter } from "../modules/subscriptions/router";
import { usersRouter } from "../modules/users/router";
import { vouchersRouter } from "../modules/vouchers/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  companies: companiesRouter,
  users: usersRouter,
  account: accountRouter,
  passwordReset: passwordResetRouter,
  audit: auditRouter,
  outbox: outboxRouter,
  customers: customersRouter,
  leads: leadsRouter,
  vouchers: vouchersRouter,
  packages: packagesRouter,
  subscriptions: subscriptionsRouter,
  serviceRequests: serviceRequestsRouter,
  portal: portalRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
