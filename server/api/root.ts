import { auditRouter } from "../modules/audit/router";
import { accountRouter, passwordResetRouter } from "../modules/auth/router";
import { companiesRouter } from "../modules/companies/router";
import { customersRouter } from "../modules/customers/router";
import { leadsRouter } from "../modules/leads/router";
import { outboxRouter } from "../modules/outbox/router";
import { packagesRouter } from "../modules/packages/router";
import { portalRouter } from "../modules/portal/router";
import { radiusRouter } from "../modules/radius/router";
import { serviceRequestsRouter } from "../modules/service-requests/router";
import { subscriptionsRouter } from "../modules/subscriptions/router";
import { usersRouter } from "../modules/users/router";
import { vouchersRouter } from "../modules/vouchers/router";
import { notificationsRouter } from "../modules/notifications/router";
import { slaRouter } from "../modules/sla/router";
import { supportReportsRouter } from "../modules/support-reports/router";
import { kbRouter } from "../modules/kb/router";
import { workOrdersRouter } from "../modules/work-orders/router";
import { shiftsRouter } from "../modules/shifts/router";
import { staffRouter } from "../modules/staff/router";
import {
  cannedResponsesRouter,
  csatRouter,
  portalTicketsRouter,
  ticketCategoriesRouter,
  ticketsRouter,
} from "../modules/tickets/router";
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
  radius: radiusRouter,
  notifications: notificationsRouter,
  sla: slaRouter,
  supportReports: supportReportsRouter,
  kb: kbRouter,
  workOrders: workOrdersRouter,
  staff: staffRouter,
  shifts: shiftsRouter,
  tickets: ticketsRouter,
  cannedResponses: cannedResponsesRouter,
  ticketCategories: ticketCategoriesRouter,
  portalTickets: portalTicketsRouter,
  csat: csatRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
