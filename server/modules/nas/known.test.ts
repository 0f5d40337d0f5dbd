import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { dropEverywhere } from "../../shared-state";
import { accounting, accountingBatch, authorize, postAuth } from "../radius/rest";
import { registeredNas } from "./known";
import { makeNetwork, type Subscriber } from "../radius/testing";

// Unknown NAS (server/modules/nas/known.ts): once a company has registered its NAS, RADIUS
// authorize, post-auth and accounting that name another NAS-IP-Address (or none) are refused and
// logged; before it has registered any, every address is accepted.

let net: Awaited<ReturnType<typeof makeNetwork>>;
let key: string;
let sub: Subscriber;
const HOST = hostOf("nas-check");

function rlm(attrs: Record<string, string | number>) {
  return Object.fromEntries(
    Object.entries(attrs).map(([name, value]) => [
      name,
      { type: typeof value === "number" ? "integer" : "string", value: [value] },
    ]),
  );
}

const start = (sid: string, nasIp?: string) =>
  rlm({
    "User-Name": sub.username,
    "Acct-Session-Id": sid,
    "Acct-Status-Type": "Start",
    ...(nasIp ? { "NAS-IP-Address": nasIp } : {}),
  });
const sessions = () =>
  withTenant(net.company.id, (tx) => tx.radiusSession.findMany({ select: { acctSessionId: true, nasIp: true } }));
const refusalsLogged = () =>
  withTenant(net.company.id, (tx) =>
    tx.auditEntry.findMany({ where: { action: "radius.unknown_nas" }, select: { after: true } }),
  );

beforeAll(async () => {
  net = await makeNetwork("nas-check");
  key = (await net.admin.radius.createKey({ name: "core" })).secret;
  sub = await net.subscriber("ACTIVE");
});

describe("RADIUS requests from a NAS the company has not registered", () => {
  it("are accepted from any address while the company has registered no NAS", async () => {
    const auth = await call(authorize, {
      host: HOST,
      token: key,
      body: rlm({ "User-Name": sub.username, "NAS-IP-Address": "198.51.100.9" }),
    });
    expect(auth.status).toBe(200);
    expect((await call(accounting, { host: HOST, token: key, body: start("before-1", "198.51.100.9") })).status).toBe(
      204,
    );
    expect(await sessions()).toEqual([{ acctSessionId: "before-1", nasIp: "198.51.100.9" }]);
  });

  it("are refused once NAS are registered, nothing stored, and the refusal is logged once a minute per address", async () => {
    await net.admin.nas.create({ name: "core-bng", ipAddress: "192.0.2.1", secret: "core-shared-secret" });

    const known = await call(authorize, {
      host: HOST,
      token: key,
      body: rlm({ "User-Name": sub.username, "NAS-IP-Address": "192.0.2.1" }),
    });
    expect(known.status).toBe(200);
    const unknown = await call(authorize, {
      host: HOST,
      token: key,
      body: rlm({ "User-Name": sub.username, "NAS-IP-Address": "198.51.100.9" }),
    });
    expect(unknown.status).toBe(401);
    expect(JSON.stringify(unknown.body)).toContain("Unknown NAS 198.51.100.9");
    const nameless = await call(authorize, { host: HOST, token: key, body: rlm({ "User-Name": sub.username }) });
    expect(nameless.status).toBe(401);
    expect(JSON.stringify(nameless.body)).toContain("no NAS-IP-Address");
    expect(
      (
        await call(postAuth, {
          host: HOST,
          token: key,
          body: rlm({ "User-Name": sub.username, "NAS-IP-Address": "198.51.100.9" }),
        })
      ).status,
    ).toBe(401);

    const acct = await call(accounting, { host: HOST, token: key, body: start("after-1", "198.51.100.9") });
    expect(acct.status).toBe(403);
    expect(acct.body.error).toMatchObject({ code: "UNKNOWN_NAS", message: expect.stringContaining("Network → NAS") });
    expect((await call(accounting, { host: HOST, token: key, body: start("after-2", "192.0.2.1") })).status).toBe(204);

    const batch = await call(accountingBatch, {
      host: HOST,
      token: key,
      raw: [start("batch-1", "192.0.2.1"), start("batch-2", "198.51.100.9"), start("batch-3")]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    });
    expect(batch.status, batch.text).toBe(200);
    expect(batch.body).toMatchObject({ recorded: 1, rejected: 2 });
    expect(batch.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(["recorded", "rejected", "rejected"]);
    expect(batch.body.results[1].reason).toMatch(/Unknown NAS 198\.51\.100\.9/);

    expect((await sessions()).map((s) => s.acctSessionId).sort()).toEqual(["after-2", "batch-1", "before-1"]);
    // Four refusals from 198.51.100.9 and two without an address: one audit entry for each address a minute.
    expect((await refusalsLogged()).map((e) => (e.after as { nasIp: string | null }).nasIp).sort()).toEqual([
      "198.51.100.9",
      null,
    ]);
  });

  it("a NAS registered, edited to another address or removed takes effect at the next request", async () => {
    const made = await net.admin.nas.create({ name: "edge", ipAddress: "192.0.2.2", secret: "edge-shared-secret" });
    expect((await call(accounting, { host: HOST, token: key, body: start("edge-1", "192.0.2.2") })).status).toBe(204);
    await net.admin.nas.update({ id: made.id, name: "edge", ipAddress: "192.0.2.3" });
    expect((await call(accounting, { host: HOST, token: key, body: start("edge-2", "192.0.2.2") })).status).toBe(403);
    expect((await call(accounting, { host: HOST, token: key, body: start("edge-3", "192.0.2.3") })).status).toBe(204);
  });

  it("a NAS another app instance registered is known here once its cache drop arrives, not only after the TTL", async () => {
    // The clock is passed in, so the TTL cannot run out between the steps on a slow machine.
    const t0 = Date.now();
    dropEverywhere(`known-nas:${net.company.id}`);
    expect((await registeredNas(net.company.id, t0)).has("192.0.2.50")).toBe(false);
    // Another instance registers it: the row commits there, and this instance's set is still the old one.
    await withTenant(net.company.id, (tx) =>
      tx.nas.create({
        data: { id: newId(), companyId: net.company.id, name: "peer-made", ipAddress: "192.0.2.50", secret: "sealed" },
      }),
    );
    expect((await registeredNas(net.company.id, t0 + 1)).has("192.0.2.50")).toBe(false);
    // What that instance broadcasts after its commit (registry.ts → forgetAfterCommit), as it arrives here.
    dropEverywhere(`known-nas:${net.company.id}`);
    expect((await registeredNas(net.company.id, t0 + 2)).has("192.0.2.50")).toBe(true);
    expect((await call(accounting, { host: HOST, token: key, body: start("peer-1", "192.0.2.50") })).status).toBe(204);
  });
});
