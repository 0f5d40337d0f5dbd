import { expect } from "vitest";
import type { RestRoute } from "../../api/rest/route";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases, type World } from "../../test/isolation";
import { failure } from "../../test/trpc";
import * as radiusKeys from "../radius/keys";
import { systemActor } from "../scope";
import { accounting, accountingBatch, authorize, postAuth } from "./rest";
import { DEFAULT_STALE_MINUTES } from "./schema";

// Tenant isolation of RADIUS server keys, and the endpoints FreeRADIUS calls with them.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's setting for silent sessions: a value no default has. */
const B_STALE_MINUTES = 45;

/** A RADIUS server key of B, and its secret (to present at A's address). */
export const radiusFixture = fixture(async (w) => {
  const made = await withTenant(w.B.company.id, (tx) =>
    radiusKeys.create({ tx, companyId: w.B.company.id, actor: systemActor }, { name: "bravo-radius" }),
  );
  // The key is good on B's own address (the answer is about the subscriber, not the key), so a
  // refusal at A is about the address. Checked here: using it records lastUsedAt, a change to B.
  const atB = await call(authorize, {
    host: hostOf(w.B.company.slug),
    token: made.secret,
    body: { "User-Name": "nobody-at-bravo" },
  });
  expect(atB.body).toEqual({ "reply:Reply-Message": { op: ":=", value: "Unknown username.", do_xlat: false } });
  // B's own accounting setting, saved as B's admin would.
  await w.bAdmin.radius.saveSettings({ staleSessionMinutes: B_STALE_MINUTES });
  return { rb: { keyId: made.key.id, secret: made.secret } };
});

/** rlm_rest's body for a subscriber of B. */
const rlm = {
  "User-Name": { type: "string", value: ["bravo-subscriber"] },
  "Acct-Status-Type": { type: "integer", value: ["Start"] },
  "Acct-Session-Id": { type: "string", value: ["cross-1"] },
};

/** B's key at A's address is refused, and nothing is written at A (nor at B: the snapshot). */
async function refusedAtA(w: World, route: RestRoute, secret: string) {
  const aSessions = () => withTenant(w.A.company.id, (tx) => tx.radiusSession.count());
  const before = await aSessions();
  const res = await call(route, { host: hostOf(w.A.company.slug), token: secret, body: rlm });
  expect(res.status, route.spec.path).toBe(401);
  expect(res.body.error.code, route.spec.path).toBe("UNAUTHORIZED");
  expect(await aSessions()).toBe(before);
}

export default isolationCases({
  setup: radiusFixture,
  snapshotB: async (tx) => ({
    radiusServerKeys: await tx.radiusServerKey.findMany({ orderBy: { id: "asc" } }),
    radiusSessions: await tx.radiusSession.findMany({ orderBy: { id: "asc" } }),
    radiusSettings: await tx.radiusSettings.findMany(),
  }),
  idsOfB: async (tx) => (await tx.radiusServerKey.findMany()).flatMap((k) => [k.id, k.keyPrefix]),
  procedures: {
    "radius.keys": async (w, f) => {
      await w.aAdmin.radius.createKey({ name: "alpha-radius" });
      const list = await w.aAdmin.radius.keys();
      expect(list.map((k) => k.name)).toContain("alpha-radius");
      expect(list.map((k) => k.id)).not.toContain(f.rb.keyId);
      await w.expectNoneOfB(list);
    },
    "radius.createKey": async (w) => {
      // Names are per company: B's is free at A, and the key made is A's.
      const { key } = await w.aAdmin.radius.createKey({ name: "bravo-radius" });
      expect(await withTenant(w.A.company.id, (tx) => tx.radiusServerKey.count({ where: { id: key.id } }))).toBe(1);
    },
    "radius.setKeySources": async (w, f) => {
      const refused = await failure(w.aAdmin.radius.setKeySources({ id: f.rb.keyId, allowedSources: "192.0.2.1" }));
      expect(refused.code).toBe("NOT_FOUND");
    },
    "radius.revokeKey": async (w, f) => {
      expect((await failure(w.aAdmin.radius.revokeKey({ id: f.rb.keyId }))).code).toBe("NOT_FOUND");
    },
    "radius.settings": async (w) => {
      expect(await w.aAdmin.radius.settings()).toEqual({ staleSessionMinutes: DEFAULT_STALE_MINUTES });
    },
    "radius.saveSettings": async (w) => {
      // The settings are the caller's company's: nothing in the input can name B's row.
      expect(await w.aAdmin.radius.saveSettings({ staleSessionMinutes: 30 })).toEqual({ staleSessionMinutes: 30 });
      expect(await w.bAdmin.radius.settings()).toEqual({ staleSessionMinutes: B_STALE_MINUTES });
      await w.aAdmin.radius.saveSettings({ staleSessionMinutes: DEFAULT_STALE_MINUTES });
    },
  },
  rest: {
    "POST /api/radius/authorize": async (w, f) => refusedAtA(w, authorize, f.rb.secret),
    "POST /api/radius/post-auth": async (w, f) => refusedAtA(w, postAuth, f.rb.secret),
    "POST /api/radius/accounting": async (w, f) => refusedAtA(w, accounting, f.rb.secret),
    "POST /api/radius/accounting/batch": async (w, f) => refusedAtA(w, accountingBatch, f.rb.secret),
  },
});
