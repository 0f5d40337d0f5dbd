import { auditRouter } from "../modules/audit/router";
import { authRouter } from "../modules/auth/router";
import { bandwidthRouter } from "../modules/bandwidth/router";
import { bankTransfersRouter } from "../modules/bank-transfers/router";
import { billingRouter } from "../modules/billing/router";
import { companiesRouter } from "../modules/companies/router";
import { customersRouter } from "../modules/customers/router";
import { depreciationRouter } from "../modules/depreciation/router";
import { devicesRouter } from "../modules/devices/router";
import { outagesRouter } from "../modules/outages/router";
import { dunningRouter } from "../modules/dunning/router";
import { dataCapsRouter } from "../modules/data-caps/router";
import { inventoryRouter } from "../modules/inventory/router";
import { inventoryReportsRouter } from "../modules/inventory-reports/router";
import { ipamRouter } from "../modules/ipam/router";
import { kbRouter } from "../modules/kb/router";
import { leadsRouter } from "../modules/leads/router";
import { notificationsRouter } from "../modules/notifications/router";
import { outboxRouter } from "../modules/outbox/router";
import { packagesRouter } from "../modules/packages/router";
import { paymentsRouter } from "../modules/payments/router";
import { portalRouter } from "../modules/portal/router";
import { privacyRouter } from "../modules/privacy/router";
import { nasRouter } from "../modules/nas/router";
import { monitoringRouter } from "../modules/monitoring/router";
import { maintenanceRouter } from "../modules/maintenance/router";
import { radiusRouter } from "../modules/radius/router";
import { retentionRouter } from "../modules/retention/router";
import { companyExportRouter } from "../modules/company-export/router";
import { revenueRouter } from "../modules/revenue/router";
import { serviceRequestsRouter } from "../modules/service-requests/router";
import { shiftsRouter } from "../modules/shifts/router";
import { slaRouter } from "../modules/sla/router";
import { smsRouter } from "../modules/sms/router";
import { staffRouter } from "../modules/staff/router";
import { subscriptionsRouter } from "../modules/subscriptions/router";
import { supportReportsRouter } from "../modules/support-reports/router";
import { ticketsRouter } from "../modules/tickets/router";
import { usersRouter } from "../modules/users/router";
import { vouchersRouter } from "../modules/vouchers/router";
import { workOrdersRouter } from "../modules/work-orders/router";
import { walletRouter } from "../modules/wallet/router";
import { createCallerFactory, router } from "./trpc";

// One line per module: the key is the module's folder under server/modules in camelCase, and
// the module's router.ts exports its one router (sub-routers nested inside it), so a procedure's
// path says where it lives: tickets.categories.list is in server/modules/tickets/router.ts.
export const appRouter = router({
  audit: auditRouter,
  auth: authRouter,
  bandwidth: bandwidthRouter,
  bankTransfers: bankTransfersRouter,
  billing: billingRouter,
  companies: companiesRouter,
  customers: customersRouter,
  depreciation: depreciationRouter,
  devices: devicesRouter,
  outages: outagesRouter,
  dunning: dunningRouter,
  dataCaps: dataCapsRouter,
  inventory: inventoryRouter,
  inventoryReports: inventoryReportsRouter,
  ipam: ipamRouter,
  kb: kbRouter,
  leads: leadsRouter,
  maintenance: maintenanceRouter,
  notifications: notificationsRouter,
  outbox: outboxRouter,
  packages: packagesRouter,
  payments: paymentsRouter,
  portal: portalRouter,
  privacy: privacyRouter,
  nas: nasRouter,
  radius: radiusRouter,
  monitoring: monitoringRouter,
  retention: retentionRouter,
  companyExport: companyExportRouter,
  revenue: revenueRouter,
  serviceRequests: serviceRequestsRouter,
  shifts: shiftsRouter,
  sla: slaRouter,
  sms: smsRouter,
  staff: staffRouter,
  subscriptions: subscriptionsRouter,
  supportReports: supportReportsRouter,
  tickets: ticketsRouter,
  users: usersRouter,
  vouchers: vouchersRouter,
  wallet: walletRouter,
  workOrders: workOrdersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
