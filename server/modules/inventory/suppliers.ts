import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, DomainError, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { listSuppliersSchema, supplierSchema, updateSupplierSchema } from "./schema";

// Who the company buys equipment from: contacts for the purchase orders, and the usual lead time.

export async function requireSupplier(scope: Scope, id: string) {
  const s = await scope.tx.supplier.findUnique({ where: { id } });
  if (!s) throw new DomainError("NOT_FOUND", "Supplier not found.", { supplierId: "Choose a supplier." });
  return s;
}

export async function list(scope: Scope, input: z.input<typeof listSuppliersSchema>) {
  const f = listSuppliersSchema.parse(input);
  const where: Prisma.SupplierWhereInput = f.search
    ? {
        OR: [
          { name: { contains: f.search, mode: "insensitive" } },
          { contactName: { contains: f.search, mode: "insensitive" } },
          { email: { contains: f.search, mode: "insensitive" } },
        ],
      }
    : {};
  return listPage(f, {
    count: () => scope.tx.supplier.count({ where }),
    rows: (window) =>
      scope.tx.supplier
        .findMany({
          where,
          orderBy: { name: "asc" },
          include: { _count: { select: { purchaseOrders: true, items: true } } },
          ...window,
        })
        .then((rows) =>
          rows.map(({ _count, createdAt: _c, updatedAt: _u, companyId: _co, ...s }) => ({
            ...s,
            purchaseOrders: _count.purchaseOrders,
            items: _count.items,
          })),
        ),
  });
}

const nameTaken = (name: string) =>
  new Conflict(`A supplier named ${name} exists already.`, { name: "Already in use." });

export async function create(scope: Scope, input: z.input<typeof supplierSchema>) {
  const data = supplierSchema.parse(input);
  const id = newId();
  await onUnique(scope.tx.supplier.create({ data: { id, companyId: scope.companyId, ...data } }), () =>
    nameTaken(data.name),
  );
  await audit.record(scope, { action: "inventory.supplier_create", entityType: "Supplier", entityId: id, after: data });
  return { id, ...data };
}

export async function update(scope: Scope, input: z.input<typeof updateSupplierSchema>) {
  const { id, data } = updateSupplierSchema.parse(input);
  const before = await requireSupplier(scope, id);
  await onUnique(scope.tx.supplier.update({ where: { id }, data }), () => nameTaken(data.name));
  await audit.record(scope, {
    action: "inventory.supplier_update",
    entityType: "Supplier",
    entityId: id,
    before: { ...before, createdAt: undefined, updatedAt: undefined },
    after: data,
  });
  return { id, ...data };
}
