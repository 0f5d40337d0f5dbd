import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { CustomerBilling } from "@/components/console/billing/customer-billing";
import { CustomerDunningCard } from "@/components/console/billing/customer-dunning-card";
import { CustomerDetailView } from "@/components/console/customers/customer-detail";
import { CustomerDataUsageCard } from "@/components/console/customers/data-usage-card";
import { CustomerSubscriptionsSlot } from "@/components/console/customers/subscriptions-slot";
import { CustomerLiveNetwork } from "@/components/console/network/live-sessions";
import { CustomerTickets } from "@/components/console/tickets/customer-tickets";
import { CustomerEquipment } from "@/components/console/inventory/customer-equipment";
import { CustomerCharges } from "@/components/console/billing/customer-charges";
import { CustomerWallet } from "@/components/console/wallet/customer-wallet";
import { WALLET_PAGE_SIZE } from "@/components/console/wallet/ledger-query";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { todayIn } from "@/server/modules/subscriptions/dates";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, allowed, can } = await requireStaff("customers:read");
  if (!allowed) return <NoAccess what="viewing customers" />;
  await prefetch(
    trpc.customers.get.queryOptions({ id }),
    trpc.customers.timeline.queryOptions({ id }),
    can("subscriptions:read") && trpc.subscriptions.forCustomer.queryOptions({ customerId: id }),
    can("subscriptions:read") && can("company:read") && trpc.companies.current.queryOptions(),
    can("tickets:read") && trpc.tickets.forCustomer.queryOptions({ customerId: id }),
    can("billing:read") &&
      trpc.billing.invoices.list.queryOptions({ customerId: id, pageSize: 5, sort: "issueDate", direction: "desc" }),
    can("billing:read") && trpc.billing.charges.forCustomer.queryOptions({ customerId: id }),
    can("billing:read") && trpc.dunning.customer.queryOptions({ customerId: id }),
    can("billing:read") && trpc.wallet.ledger.queryOptions({ customerId: id, page: 1, pageSize: WALLET_PAGE_SIZE }),
    can("billing:read") && trpc.dataCaps.customer.queryOptions({ customerId: id }),
    can("online_sessions:read") && trpc.nas.forCustomer.queryOptions({ customerId: id }),
    can("online_sessions:read") && can("network:read") && trpc.radius.settings.queryOptions(),
    can("inventory:read") && trpc.inventory.assets.forCustomer.queryOptions({ customerId: id }),
  );
  return (
    <HydrateClient>
      <CustomerDetailView
        id={id}
        timeZone={company.timeZone}
        canUpdate={can("customers:update")}
        canDelete={can("customers:delete")}
        canExportData={can("privacy:export")}
        canErase={can("privacy:erase")}
        subscriptions={
          <>
            <CustomerSubscriptionsSlot
              customerId={id}
              canRead={can("subscriptions:read")}
              canManage={can("subscriptions:manage")}
              canActivate={can("subscriptions:activate")}
              network={{
                canSetAddress: can("subscriptions:set_address") && can("network:read"),
                canAttach: can("devices:manage"),
              }}
            />
            {can("inventory:read") ? <CustomerEquipment customerId={id} /> : null}
            {can("online_sessions:read") ? (
              <CustomerLiveNetwork customerId={id} canDisconnect={can("online_sessions:disconnect")} />
            ) : null}
            {can("billing:read") ? (
              <>
                <CustomerCharges customerId={id} currency={company.currency} canManage={can("billing:manage")} />
                <CustomerDunningCard
                  customerId={id}
                  timeZone={company.timeZone}
                  today={todayIn(company.timeZone)}
                  canManage={can("billing:manage")}
                />
                <CustomerWallet customerId={id} timeZone={company.timeZone} canManage={can("billing:manage")} />
                <CustomerDataUsageCard customerId={id} currency={company.currency} canBuy={can("billing:manage")} />
              </>
            ) : null}
            {can("tickets:read") ? (
              <CustomerTickets customerId={id} timeZone={company.timeZone} canCreate={can("tickets:create")} />
            ) : null}
            {can("billing:read") ? <CustomerBilling customerId={id} /> : null}
          </>
        }
      />
    </HydrateClient>
  );
}
