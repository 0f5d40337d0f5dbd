import type { Prisma, TicketPriority, TicketStatus } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { systemActor, type Scope } from "../scope";
import { startClock } from "./service";

// Builders for the SLA, escalation and report tests. Tickets are written directly (the tickets
// module owns the real flow) with their clocks started by the SLA service, as creation would.

export async function makeCategory(
  companyId: string,
  name = "Connectivity",
  group: "TECHNICAL" | "BILLING" | "COMPLAINT" = "TECHNICAL",
) {
  return withTenant(
    companyId,
    async (tx) =>
      (await tx.ticketCategory.findFirst({ where: { name, group } })) ??
      tx.ticketCategory.create({ data: { id: newId(), companyId, group, name } }),
  );
}

export interface TicketSpec {
  priority?: TicketPriority;
  status?: TicketStatus;
  createdAt: Date;
  categoryId?: string;
  customerId?: string | null;
  subscriptionId?: string | null;
  assigneeId?: string | null;
  extra?: Partial<Prisma.TicketUncheckedCreateInput>;
}

export async function makeTicket(companyId: string, spec: TicketSpec) {
  const categoryId = spec.categoryId ?? (await makeCategory(companyId)).id;
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const priority = spec.priority ?? "MEDIUM";
    const sla = await startClock(scope, {
      priority,
      customerId: spec.customerId,
      subscriptionId: spec.subscriptionId,
      from: spec.createdAt,
    });
    const number = ((await tx.ticket.aggregate({ _max: { number: true } }))._max.number ?? 0) + 1;
    return tx.ticket.create({
      data: {
        id: newId(),
        companyId,
        number,
        subject: `Ticket ${number}`,
        description: "Internet is down",
        categoryId,
        priority,
        status: spec.status ?? (spec.assigneeId ? "ASSIGNED" : "NEW"),
        customerId: spec.customerId ?? null,
        subscriptionId: spec.subscriptionId ?? null,
        assigneeId: spec.assigneeId ?? null,
        createdAt: spec.createdAt,
        ...sla,
        ...spec.extra,
      },
    });
  });
}

/** Runs an SLA service function in a tenant scope. */
export function inScope<T>(companyId: string, fn: (scope: Scope) => Promise<T>): Promise<T> {
  return withTenant(companyId, (tx) => fn({ tx, companyId, actor: systemActor }));
}
