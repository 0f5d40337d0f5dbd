import { protectedProcedure, router } from "../../api/trpc";
import type { Permission } from "../../auth/permissions";
import { idParams } from "../../lib/schema";
import * as addresses from "./addresses";
import * as allocation from "./allocation";
import * as history from "./history";
import * as csvImport from "./import";
import { importSchema } from "./import.schema";
import * as prefixes from "./prefixes";
import {
  allocateAddressSchema,
  allocatePrefixSchema,
  createAddressSchema,
  createPrefixSchema,
  historySchema,
  listAddressesSchema,
  listPrefixesSchema,
  listVlansSchema,
  poolOptionsSchema,
  updateAddressSchema,
  updatePrefixSchema,
  updateVrfSchema,
  vlanFields,
  vlanGroupFields,
  vrfFields,
} from "./schema";
import * as sites from "./sites";
import { createSiteSchema, listSitesSchema, updateSiteSchema } from "./sites.schema";
import * as vlans from "./vlans";

/** Who holds an address is shown to those who may read customers. */
const sightOf = (viewer: { permissions: readonly Permission[] }): addresses.CustomerSight => ({
  seesCustomers: viewer.permissions.includes("customers:read"),
});

const byId = idParams("The record's id.");
const read = () => protectedProcedure("network:read");
const manage = () => protectedProcedure("network:manage");

const sitesRouter = router({
  list: read()
    .input(listSitesSchema)
    .query(({ ctx, input }) => sites.list(ctx.scope, input)),
  get: read()
    .input(byId)
    .query(({ ctx, input }) => sites.get(ctx.scope, input.id)),
  options: read().query(({ ctx }) => sites.options(ctx.scope)),
  create: manage()
    .input(createSiteSchema)
    .mutation(({ ctx, input }) => sites.create(ctx.scope, input)),
  update: manage()
    .input(updateSiteSchema)
    .mutation(({ ctx, input }) => sites.update(ctx.scope, input)),
});

const prefixesRouter = router({
  list: read()
    .input(listPrefixesSchema)
    .query(({ ctx, input }) => prefixes.list(ctx.scope, input)),
  get: read()
    .input(byId)
    .query(({ ctx, input }) => prefixes.get(ctx.scope, input.id)),
  pools: read()
    .input(poolOptionsSchema)
    .query(({ ctx, input }) => prefixes.poolOptions(ctx.scope, input)),
  create: manage()
    .input(createPrefixSchema)
    .mutation(({ ctx, input }) => prefixes.create(ctx.scope, input)),
  update: manage()
    .input(updatePrefixSchema)
    .mutation(({ ctx, input }) => prefixes.update(ctx.scope, input)),
  remove: manage()
    .input(byId)
    .mutation(({ ctx, input }) => prefixes.remove(ctx.scope, input.id)),
  allocatePrefix: manage()
    .input(allocatePrefixSchema)
    .mutation(({ ctx, input }) => allocation.allocatePrefix(ctx.scope, input)),
  allocateAddress: manage()
    .input(allocateAddressSchema)
    .mutation(({ ctx, input }) => allocation.allocateAddress(ctx.scope, input, sightOf(ctx.viewer))),
  history: read()
    .input(historySchema)
    .query(({ ctx, input }) => history.list(ctx.scope, input)),
});

const addressesRouter = router({
  list: read()
    .input(listAddressesSchema)
    .query(({ ctx, input }) => addresses.list(ctx.scope, input, sightOf(ctx.viewer))),
  get: read()
    .input(byId)
    .query(({ ctx, input }) => addresses.get(ctx.scope, input.id, sightOf(ctx.viewer))),
  create: manage()
    .input(createAddressSchema)
    .mutation(({ ctx, input }) => addresses.create(ctx.scope, input, sightOf(ctx.viewer))),
  update: manage()
    .input(updateAddressSchema)
    .mutation(({ ctx, input }) => addresses.update(ctx.scope, input, sightOf(ctx.viewer))),
  release: manage()
    .input(byId)
    .mutation(({ ctx, input }) => addresses.release(ctx.scope, input.id)),
});

const vlansRouter = router({
  list: read()
    .input(listVlansSchema)
    .query(({ ctx, input }) => vlans.listVlans(ctx.scope, input)),
  create: manage()
    .input(vlanFields)
    .mutation(({ ctx, input }) => vlans.createVlan(ctx.scope, input)),
  groups: read().query(({ ctx }) => vlans.listGroups(ctx.scope)),
  createGroup: manage()
    .input(vlanGroupFields)
    .mutation(({ ctx, input }) => vlans.createGroup(ctx.scope, input)),
});

const vrfsRouter = router({
  list: read().query(({ ctx }) => vlans.listVrfs(ctx.scope)),
  create: manage()
    .input(vrfFields)
    .mutation(({ ctx, input }) => vlans.createVrf(ctx.scope, input)),
  update: manage()
    .input(updateVrfSchema)
    .mutation(({ ctx, input }) => vlans.updateVrf(ctx.scope, input)),
});

/** CSV import: a dry run first (a mutation because the file travels in the body; it writes nothing). */
const importRouter = router({
  preview: manage()
    .input(importSchema)
    .mutation(({ ctx, input }) => csvImport.preview(ctx.scope, input)),
  run: manage()
    .input(importSchema)
    .mutation(({ ctx, input }) => csvImport.run(ctx.scope, input)),
});

export const ipamRouter = router({
  sites: sitesRouter,
  prefixes: prefixesRouter,
  addresses: addressesRouter,
  vlans: vlansRouter,
  vrfs: vrfsRouter,
  import: importRouter,
});
