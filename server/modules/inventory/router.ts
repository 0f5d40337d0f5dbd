import { z } from "zod";
import { protectedProcedure, protectedProcedureOutsideTransaction, router } from "../../api/trpc";
import * as assets from "./assets";
import * as catalogue from "./catalogue";
import * as counts from "./counts";
import * as movements from "./movements";
import * as purchaseOrders from "./purchase-orders";
import { draftDue } from "./reorder";
import * as rma from "./rma";
import {
  addFoundSchema,
  cancelPurchaseOrderSchema,
  closeRmaSchema,
  enterCountSchema,
  listCountsSchema,
  listRmasSchema,
  postCountSchema,
  sendRmaSchema,
  startCountSchema,
  createPurchaseOrderSchema,
  forCustomerSchema,
  itemSchema,
  listAssetsSchema,
  listItemsSchema,
  listLocationsSchema,
  listMovementsSchema,
  listPurchaseOrdersSchema,
  listSuppliersSchema,
  locationSchema,
  lookupSchema,
  receiveSchema,
  recordMovementSchema,
  sendPurchaseOrderSchema,
  stockLevelsSchema,
  supplierSchema,
  updateItemSchema,
  updateSupplierSchema,
} from "./schema";
import * as stock from "./stock";
import * as suppliers from "./suppliers";

const byId = z.object({ id: z.string().min(1).max(64) });

// Network administrators (inventory:manage) keep the stock; billing administrators read it with
// its costs (inventory:read); field technicians (inventory:van) see and move their own van's stock.
export const inventoryRouter = router({
  items: router({
    list: protectedProcedure("inventory:read")
      .input(listItemsSchema)
      .query(({ ctx, input }) => catalogue.listItems(ctx.scope, input)),
    create: protectedProcedure("inventory:manage")
      .input(itemSchema)
      .mutation(({ ctx, input }) => catalogue.createItem(ctx.scope, input)),
    update: protectedProcedure("inventory:manage")
      .input(updateItemSchema)
      .mutation(({ ctx, input }) => catalogue.updateItem(ctx.scope, input)),
  }),
  locations: router({
    list: protectedProcedure("inventory:read")
      .input(listLocationsSchema)
      .query(({ ctx, input }) => catalogue.listLocations(ctx.scope, input)),
    create: protectedProcedure("inventory:manage")
      .input(locationSchema)
      .mutation(({ ctx, input }) => catalogue.createLocation(ctx.scope, input)),
  }),
  stock: protectedProcedure("inventory:read")
    .input(stockLevelsSchema)
    .query(({ ctx, input }) => stock.levels(ctx.scope, input, { withCost: true })),
  movements: router({
    list: protectedProcedure("inventory:read")
      .input(listMovementsSchema)
      .query(({ ctx, input }) => movements.list(ctx.scope, input)),
    record: protectedProcedure("inventory:manage")
      .input(recordMovementSchema)
      .mutation(({ ctx, input }) => movements.record(ctx.scope, ctx.viewer, input)),
  }),
  assets: router({
    lookup: protectedProcedure("inventory:read")
      .input(lookupSchema)
      .query(({ ctx, input }) => assets.lookup(ctx.scope, input, { withCost: true })),
    list: protectedProcedure("inventory:read")
      .input(listAssetsSchema)
      .query(({ ctx, input }) => assets.list(ctx.scope, input, { withCost: true })),
    forCustomer: protectedProcedure("inventory:read")
      .input(forCustomerSchema)
      .query(({ ctx, input }) => assets.forCustomer(ctx.scope, input)),
  }),
  suppliers: router({
    list: protectedProcedure("inventory:read")
      .input(listSuppliersSchema)
      .query(({ ctx, input }) => suppliers.list(ctx.scope, input)),
    create: protectedProcedure("inventory:manage")
      .input(supplierSchema)
      .mutation(({ ctx, input }) => suppliers.create(ctx.scope, input)),
    update: protectedProcedure("inventory:manage")
      .input(updateSupplierSchema)
      .mutation(({ ctx, input }) => suppliers.update(ctx.scope, input)),
  }),
  purchaseOrders: router({
    list: protectedProcedure("inventory:read")
      .input(listPurchaseOrdersSchema)
      .query(({ ctx, input }) => purchaseOrders.list(ctx.scope, input)),
    get: protectedProcedure("inventory:read")
      .input(byId)
      .query(({ ctx, input }) => purchaseOrders.get(ctx.scope, input.id)),
    create: protectedProcedure("inventory:manage")
      .input(createPurchaseOrderSchema)
      .mutation(({ ctx, input }) => purchaseOrders.create(ctx.scope, input)),
    send: protectedProcedure("inventory:manage")
      .input(sendPurchaseOrderSchema)
      .mutation(({ ctx, input }) => purchaseOrders.send(ctx.scope, input)),
    receive: protectedProcedure("inventory:manage")
      .input(receiveSchema)
      .mutation(({ ctx, input }) => purchaseOrders.receive(ctx.scope, input)),
    cancel: protectedProcedure("inventory:manage")
      .input(cancelPurchaseOrderSchema)
      .mutation(({ ctx, input }) => purchaseOrders.cancel(ctx.scope, input)),
    /** Runs the reorder check now (it also runs hourly and after stock goes out). */
    draftReorders: protectedProcedureOutsideTransaction("inventory:manage").mutation(async ({ ctx }) => {
      const { drafted, noSupplier } = await draftDue(ctx.tenant.companyId);
      return { drafted: drafted.length, noSupplier: noSupplier.length };
    }),
  }),
  /** Cycle counts: the store keeper counts a place and posts the variance (counts.ts). */
  counts: router({
    list: protectedProcedure("inventory:read")
      .input(listCountsSchema)
      .query(({ ctx, input }) => counts.list(ctx.scope, input)),
    get: protectedProcedure("inventory:read")
      .input(byId)
      .query(({ ctx, input }) => counts.get(ctx.scope, input.id)),
    start: protectedProcedure("inventory:manage")
      .input(startCountSchema)
      .mutation(({ ctx, input }) => counts.start(ctx.scope, input)),
    enter: protectedProcedure("inventory:manage")
      .input(enterCountSchema)
      .mutation(({ ctx, input }) => counts.enter(ctx.scope, input)),
    /** Something on the shelf the sheet did not list: a unit by serial, or a consumable. */
    addFound: protectedProcedure("inventory:manage")
      .input(addFoundSchema)
      .mutation(({ ctx, input }) => counts.addFound(ctx.scope, input)),
    post: protectedProcedure("inventory:manage")
      .input(postCountSchema)
      .mutation(({ ctx, input }) => counts.post(ctx.scope, input)),
  }),
  /** Faulty units back to the supplier (rma.ts). */
  rmas: router({
    list: protectedProcedure("inventory:read")
      .input(listRmasSchema)
      .query(({ ctx, input }) => rma.list(ctx.scope, input)),
    send: protectedProcedure("inventory:manage")
      .input(sendRmaSchema)
      .mutation(({ ctx, input }) => rma.send(ctx.scope, input)),
    close: protectedProcedure("inventory:manage")
      .input(closeRmaSchema)
      .mutation(({ ctx, input }) => rma.close(ctx.scope, input)),
  }),
  van: router({
    mine: protectedProcedure("inventory:van").query(({ ctx }) => stock.myVan(ctx.scope, ctx.viewer.userId)),
    move: protectedProcedure("inventory:van")
      .input(recordMovementSchema)
      .mutation(({ ctx, input }) => movements.record(ctx.scope, ctx.viewer, input)),
    /** What was issued to one of the technician's jobs (the job's phone view). */
    issued: protectedProcedure("inventory:van")
      .input(z.object({ workOrderId: byId.shape.id }))
      .query(({ ctx, input }) => movements.issuedToJob(ctx.scope, ctx.viewer, input.workOrderId)),
  }),
});
