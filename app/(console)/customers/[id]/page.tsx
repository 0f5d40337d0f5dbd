import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { CustomerDetailView } from "@/components/console/customers/customer-detail";
import { CustomerDataUsageCard } from "@/components/console/customers/data-usage-card";
import { CustomerSubscriptionsSlot } from "@/components/console/customers/subscriptions-slot";
import { CustomerTickets } from "@/components/console/tickets/customer-tickets";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

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
    can("billing:read") && trpc.dataCaps.customer.queryOptions({ customerId: id }),
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
            />
            {can("billing:read") ? (
              <CustomerDataUsageCard customerId={id} currency={company.currency} canBuy={can("billing:manage")} />
            ) : null}
            {can("tickets:read") ? (
              <CustomerTickets customerId={id} timeZone={company.timeZone} canCreate={can("tickets:create")} />
            ) : null}
          </>
        }
      />
    </HydrateClient>
  );
}
