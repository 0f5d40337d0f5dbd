import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../api/root";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { makePackage } from "../billing/testing";
import * as provisioning from "../provisioning/service";
import { systemActor } from "../scope";
import { makeCustomer } from "../subscriptions/testing";

// IPAM on real PostgreSQL: the database's overlap and uniqueness rules, next-free allocation
// under concurrency, IPv6 delegation, and addresses a host may not use.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let admin: Caller;
let packageId: string | undefined;

beforeAll(async () => {
  co = await makeCompany("ipam-isp");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN", { email: "net@ipam.test" })).id);
});

async function makeSubscription(staticIp: string | null = null, status: "ACTIVE" | "TERMINATED" = "ACTIVE") {
  const customer = await makeCustomer(co.company.id);
  packageId ??= (await makePackage(co.company.id)).id;
  return withTenant(co.company.id, (tx) =>
    tx.subscription.create({
      data: {
        id: newId(),
        companyId: co.company.id,
        customerId: customer.id,
        packageId: packageId!,
        status,
        startDate: new Date(),
        pppoeUsername: `u-${newId().slice(0, 8)}`,
        pppoePassword: null,
        staticIp,
      },
    }),
  );
}

describe("prefix overlap rules", () => {
  it("refuses the same prefix twice and overlapping leaves, and lets leaves nest in a container", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Overlap" });
    await admin.ipam.prefixes.create({ prefix: "10.10.0.0/16", status: "CONTAINER", vrfId: vrf.id });
    await admin.ipam.prefixes.create({ prefix: "10.10.1.0/24", vrfId: vrf.id });
    const dup = await failure(admin.ipam.prefixes.create({ prefix: "10.10.1.0/24", vrfId: vrf.id }));
    expect(dup).toMatchObject({ code: "CONFLICT", fields: { prefix: "Already exists in this VRF." } });
    const overlap = await failure(admin.ipam.prefixes.create({ prefix: "10.10.1.128/25", vrfId: vrf.id }));
    expect(overlap.code).toBe("CONFLICT");
    expect(overlap.message).toMatch(/overlaps another prefix/);
    // Another VRF is another routing table: the same prefix is fine there.
    const other = await admin.ipam.vrfs.create({ name: "Overlap B" });
    await admin.ipam.prefixes.create({ prefix: "10.10.1.0/24", vrfId: other.id });
    const page = await admin.ipam.prefixes.list({ vrfId: vrf.id });
    expect(page.rows.map((r) => [r.prefix, r.depth])).toEqual([
      ["10.10.0.0/16", 0],
      ["10.10.1.0/24", 1],
    ]);
  });

  it("refuses host bits, naming the network that was meant", async () => {
    const answer = await failure(admin.ipam.prefixes.create({ prefix: "192.168.7.9/24" }));
    expect(answer).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { prefix: "Host bits set: did you mean 192.168.7.0/24?" },
    });
    expect((await failure(admin.ipam.prefixes.create({ prefix: "10.0.0.0/33" }))).code).toBe("BAD_REQUEST");
  });
});

describe("addresses", () => {
  it("refuses network and broadcast addresses of an IPv4 prefix, and the same address twice", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Hosts" });
    await admin.ipam.prefixes.create({ prefix: "172.16.5.0/24", vrfId: vrf.id });
    const network = await failure(admin.ipam.addresses.create({ address: "172.16.5.0", vrfId: vrf.id }));
    expect(network).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { address: "The network address of 172.16.5.0/24." },
    });
    const broadcast = await failure(admin.ipam.addresses.create({ address: "172.16.5.255", vrfId: vrf.id }));
    expect(broadcast.fields).toEqual({ address: "The broadcast address of 172.16.5.0/24." });
    const ok = await admin.ipam.addresses.create({ address: "172.16.5.10", vrfId: vrf.id });
    expect(ok).toMatchObject({ address: "172.16.5.10", prefix: "172.16.5.0/24" });
    const twice = await failure(admin.ipam.addresses.create({ address: "172.16.5.10", vrfId: vrf.id }));
    expect(twice).toMatchObject({ code: "CONFLICT", fields: { address: "Already in use in this VRF." } });
    expect((await failure(admin.ipam.addresses.create({ address: "172.16.5.300" }))).code).toBe("BAD_REQUEST");
  });
});

describe("next-free allocation", () => {
  it("hands out the first free host, fills gaps, and says when the pool is full", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Small pool" });
    const pool = await admin.ipam.prefixes.create({ prefix: "192.0.2.0/29", isPool: true, vrfId: vrf.id });
    const first = await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id });
    expect(first.address).toBe("192.0.2.1");
    await admin.ipam.addresses.create({ address: "192.0.2.3", vrfId: vrf.id });
    expect((await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id })).address).toBe("192.0.2.2");
    const rest = [];
    for (let i = 0; i < 3; i++) rest.push((await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id })).address);
    expect(rest).toEqual(["192.0.2.4", "192.0.2.5", "192.0.2.6"]);
    const full = await failure(admin.ipam.prefixes.allocateAddress({ prefixId: pool.id }));
    expect(full).toMatchObject({ code: "CONFLICT", message: "192.0.2.0/29 has no free address left." });
    await admin.ipam.addresses.release({ id: first.id });
    expect((await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id })).address).toBe("192.0.2.1");
    const got = await admin.ipam.prefixes.get({ id: pool.id });
    expect(got.utilization).toBeCloseTo(6 / 8);
    const history = await admin.ipam.prefixes.history({ prefixId: pool.id });
    expect(history.rows.map((r) => r.kind)).toContain("ALLOCATED");
    // The pool's own history lists the release and the typed-in address too, not only its allocations.
    const ofPool = await admin.ipam.prefixes.history({ prefixId: pool.id });
    expect(ofPool.rows.map((r) => [r.kind, r.value]).reverse()).toEqual([
      ["ALLOCATED", "192.0.2.1"],
      ["ALLOCATED", "192.0.2.3"],
      ["ALLOCATED", "192.0.2.2"],
      ["ALLOCATED", "192.0.2.4"],
      ["ALLOCATED", "192.0.2.5"],
      ["ALLOCATED", "192.0.2.6"],
      ["RELEASED", "192.0.2.1"],
      ["ALLOCATED", "192.0.2.1"],
    ]);
  });

  it("releases racing allocations: every freed address is handed out again before the pool is full", async () => {
    // Next-free starts from the pool's low-water mark (everything below it used); a release below
    // the mark must lower it even while allocations run, or the freed address would be skipped.
    const vrf = await admin.ipam.vrfs.create({ name: "Churn" });
    const pool = await admin.ipam.prefixes.create({ prefix: "198.51.100.0/28", isPool: true, vrfId: vrf.id });
    const taken = [];
    for (let i = 0; i < 10; i++) taken.push(await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id }));
    const released = [taken[1]!, taken[3]!, taken[5]!, taken[7]!];
    await Promise.all([
      ...released.map((a) => admin.ipam.addresses.release({ id: a.id })),
      ...Array.from({ length: 4 }, () => admin.ipam.prefixes.allocateAddress({ prefixId: pool.id })),
    ]);
    const more: string[] = [];
    for (;;) {
      const next = await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id }).catch((e: unknown) => e);
      if (!(next && typeof next === "object" && "address" in next)) break;
      more.push(String(next.address));
    }
    // 14 hosts in a /28: 10 + 4 - 4 released, so 4 more fit, and the pool is full only then.
    expect(more).toHaveLength(4);
    const all = await admin.ipam.addresses.list({ prefixId: pool.id, pageSize: 50 });
    expect(all.total).toBe(14);
  });

  it("addresses that arrive without the allocator (typed in, a bulk insert, before the pool) are never handed out, and the lowest free one is", async () => {
    // Next-free starts from the pool's low-water mark, which the database keeps for every write:
    // a mark raised too far would skip free addresses, one left too low would hand out used ones.
    const vrf = await admin.ipam.vrfs.create({ name: "Arrivals" });
    const next = async (prefixId: string) => (await admin.ipam.prefixes.allocateAddress({ prefixId })).address;
    for (const address of ["203.0.113.1", "203.0.113.2"]) await admin.ipam.addresses.create({ address, vrfId: vrf.id });
    const prefix = await admin.ipam.prefixes.create({ prefix: "203.0.113.0/28", vrfId: vrf.id });
    await admin.ipam.addresses.create({ address: "203.0.113.3", vrfId: vrf.id });
    // Made a pool only now, with .1 to .3 in use.
    const pool = await admin.ipam.prefixes.update({ id: prefix.id, isPool: true });
    const fourth = await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id });
    expect(fourth.address).toBe("203.0.113.4");
    // .5 to .9 in one statement, as an import or a script writes them.
    await withTenant(
      co.company.id,
      (tx) =>
        tx.$executeRaw`INSERT INTO "IpAddress" (id, "companyId", address, "vrfId", "updatedAt")
        SELECT 'ip-arrivals-' || i, ${co.company.id}, '203.0.113.0'::inet + i, ${vrf.id}, now() FROM generate_series(5, 9) i`,
    );
    expect(await next(pool.id)).toBe("203.0.113.10");
    await admin.ipam.addresses.create({ address: "203.0.113.12", vrfId: vrf.id });
    expect([await next(pool.id), await next(pool.id)]).toEqual(["203.0.113.11", "203.0.113.13"]);
    const second = (await admin.ipam.addresses.list({ search: "203.0.113.2", vrfId: vrf.id })).rows[0]!;
    await admin.ipam.addresses.release({ id: second.id });
    expect([await next(pool.id), await next(pool.id)]).toEqual(["203.0.113.2", "203.0.113.14"]);
    const full = await failure(admin.ipam.prefixes.allocateAddress({ prefixId: pool.id }));
    expect(full.message).toBe("203.0.113.0/28 has no free address left.");
  });

  it("an allocation is audited with the address as it was written, and kept in the pool's history", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Audited" });
    const pool = await admin.ipam.prefixes.create({ prefix: "192.0.2.64/29", isPool: true, vrfId: vrf.id });
    const got = await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id, dnsName: "cpe-1.example.net" });
    const [entry, row] = await withTenant(co.company.id, async (tx) => [
      await tx.auditEntry.findFirstOrThrow({ where: { entityId: got.id } }),
      await tx.ipAddress.findUniqueOrThrow({ where: { id: got.id } }),
    ]);
    expect(entry).toMatchObject({ action: "ip_address.allocate", entityType: "IpAddress", actorType: "USER" });
    expect(entry.after).toEqual(JSON.parse(JSON.stringify(row)));
    const history = await admin.ipam.prefixes.history({ prefixId: pool.id });
    expect(history.rows.map((r) => [r.kind, r.value])).toEqual([["ALLOCATED", "192.0.2.65"]]);
  });

  it("20 parallel next-free requests on the pool get 20 different addresses", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Parallel" });
    const pool = await admin.ipam.prefixes.create({ prefix: "100.64.0.0/24", isPool: true, vrfId: vrf.id });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => admin.ipam.prefixes.allocateAddress({ prefixId: pool.id })),
    );
    const addresses = results.map((r) => (r.status === "fulfilled" ? r.value.address : String(r.reason)));
    expect(new Set(addresses).size).toBe(20);
    expect(addresses.every((a) => /^100\.64\.0\.([1-9]|1\d|20)$/.test(a))).toBe(true);
  });

  it("refuses to allocate from a prefix that is not a pool", async () => {
    const p = await admin.ipam.prefixes.create({ prefix: "198.51.100.0/24" });
    expect((await failure(admin.ipam.prefixes.allocateAddress({ prefixId: p.id }))).message).toMatch(/is not a pool/);
  });
});

describe("IPv6 delegation", () => {
  it("delegates /56s from a /48 in order, refuses lengths the pool cannot delegate, and skips taken space", async () => {
    const sub = await makeSubscription();
    const pool = await admin.ipam.prefixes.create({ prefix: "2001:db8:100::/48", isPool: true });
    const a = await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56, subscriptionId: sub.id });
    expect(a.prefix).toBe("2001:db8:100::/56");
    const b = await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 });
    expect(b.prefix).toBe("2001:db8:100:100::/56");
    await admin.ipam.prefixes.create({ prefix: "2001:db8:100:200::/55" });
    const c = await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 });
    expect(c.prefix).toBe("2001:db8:100:400::/56");
    const tooShort = await failure(admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 44 }));
    expect(tooShort).toMatchObject({ code: "UNPROCESSABLE_CONTENT", fields: { length: "From 49 to 128." } });
    const same = await failure(admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 48 }));
    expect(same.code).toBe("UNPROCESSABLE_CONTENT");
    // A /64 lands after the /56s, in the first free /64.
    const d = await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 64 });
    expect(d.prefix).toBe("2001:db8:100:500::/64");
  });

  it("the first free slot is the lowest hole among children of other lengths and addresses", async () => {
    const pool = await admin.ipam.prefixes.create({ prefix: "2001:db8:400::/48", isPool: true });
    // /56 slots 0-1 taken by a /55, 2 by a /60, 3 by an address, 4 free, 5 by a /56; then a
    // /52 (slots 16-31) far above. The answer is slot 4, then 6, then 7, then 8 (skipping nothing).
    await admin.ipam.prefixes.create({ prefix: "2001:db8:400::/55" });
    await admin.ipam.prefixes.create({ prefix: "2001:db8:400:230::/60" });
    await admin.ipam.addresses.create({ address: "2001:db8:400:3ff::9" });
    await admin.ipam.prefixes.create({ prefix: "2001:db8:400:500::/56" });
    await admin.ipam.prefixes.create({ prefix: "2001:db8:400:1000::/52" });
    // Space in another VRF does not count.
    const vrf = await admin.ipam.vrfs.create({ name: "Walk" });
    await admin.ipam.prefixes.create({ prefix: "2001:db8:400:400::/56", vrfId: vrf.id });
    const got = [];
    for (let i = 0; i < 4; i++)
      got.push((await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 })).prefix);
    expect(got).toEqual([
      "2001:db8:400:400::/56",
      "2001:db8:400:600::/56",
      "2001:db8:400:700::/56",
      "2001:db8:400:800::/56",
    ]);
    // Past the /52 at slots 16-31: slot 32 once 9-15 are gone.
    for (let i = 0; i < 7; i++) await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 });
    expect((await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 })).prefix).toBe(
      "2001:db8:400:2000::/56",
    );
  });

  it("an IPv4 pool delegates its first free block around used addresses", async () => {
    const pool = await admin.ipam.prefixes.create({ prefix: "100.96.0.0/24", isPool: true });
    await admin.ipam.addresses.create({ address: "100.96.0.1" });
    await admin.ipam.prefixes.create({ prefix: "100.96.0.16/29" });
    const a = await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 28 });
    expect(a.prefix).toBe("100.96.0.32/28");
    const b = await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 30 });
    expect(b.prefix).toBe("100.96.0.4/30");
  });

  it("a full pool says so", async () => {
    const pool = await admin.ipam.prefixes.create({ prefix: "2001:db8:200::/55", isPool: true });
    await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 });
    await admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 });
    const full = await failure(admin.ipam.prefixes.allocatePrefix({ prefixId: pool.id, length: 56 }));
    expect(full).toMatchObject({ code: "CONFLICT", message: "2001:db8:200::/55 has no free /56 left." });
  });
});

describe("the subscription's address in RADIUS", () => {
  it("Framed-IP-Address and Delegated-IPv6-Prefix come from IPAM", async () => {
    const sub = await makeSubscription("203.0.113.99");
    // A password so that the login gets reply attributes (sealed as the subscriptions module does).
    const { seal } = await import("../../lib/crypto");
    await withTenant(co.company.id, (tx) =>
      tx.subscription.update({ where: { id: sub.id }, data: { pppoePassword: seal("pw-123456") } }),
    );
    const pool = await admin.ipam.prefixes.create({ prefix: "100.70.0.0/24", isPool: true });
    await admin.ipam.prefixes.allocateAddress({ prefixId: pool.id, subscriptionId: sub.id });
    const v6 = await admin.ipam.prefixes.create({ prefix: "2001:db8:300::/48", isPool: true });
    await admin.ipam.prefixes.allocatePrefix({ prefixId: v6.id, length: 56, subscriptionId: sub.id });
    const replies = await withTenant(co.company.id, async (tx) => {
      await provisioning.sync({ tx, companyId: co.company.id, actor: systemActor }, sub.id);
      return tx.radiusAttribute.findMany({ where: { subscriptionId: sub.id, kind: "reply" } });
    });
    const byName = Object.fromEntries(replies.map((r) => [r.attribute, r.value]));
    // The free-text column said 203.0.113.99; the reply carries what IPAM assigned.
    expect(byName["Framed-IP-Address"]).toBe("100.70.0.1");
    expect(byName["Delegated-IPv6-Prefix"]).toBe("2001:db8:300::/56");
  });
});

describe("the static-IP migration", () => {
  it("turns live subscriptions' static IPs into IPAM addresses once, and skips terminated and malformed ones", async () => {
    const live = await makeSubscription("198.18.0.10");
    await makeSubscription("198.18.0.11", "TERMINATED");
    await makeSubscription("198.18.0.999");
    const sql = readFileSync(
      path.join(
        import.meta.dirname,
        "../../../prisma/migrations/20261203145800_subscription_static_ips_in_ipam/migration.sql",
      ),
      "utf8",
    );
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
      await client.query(sql);
    } finally {
      await client.end();
    }
    const migrated = await admin.ipam.addresses.list({ search: "198.18.0.0/16" });
    expect(migrated.rows.map((r) => [r.address, r.subscriptionId, r.vrfId])).toEqual([["198.18.0.10", live.id, null]]);
  });
});

describe("CSV import", () => {
  const csv = (...lines: string[]) => lines.join("\n") + "\n";
  const prefixesIn = async (vrfId: string) =>
    (await admin.ipam.prefixes.list({ vrfId, pageSize: 200 })).rows.map((r) => r.prefix);

  it("a good file: the dry run lists every line and writes nothing; the import writes them all, audited", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Import good" });
    const prefixFile = csv(
      "Prefix,Status,Pool,VRF,Description",
      "10.60.0.0/16,container,no,Import good,Imported block",
      "10.60.1.0/24,active,yes,Import good,Imported pool",
    );
    const dry = await admin.ipam.import.preview({ kind: "prefixes", csv: prefixFile });
    expect(dry.lines).toEqual([
      { line: 2, value: "10.60.0.0/16", state: "CREATE", error: null },
      { line: 3, value: "10.60.1.0/24", state: "CREATE", error: null },
    ]);
    expect(dry.canImport).toBe(true);
    expect(await prefixesIn(vrf.id)).toEqual([]);
    expect(await admin.ipam.import.run({ kind: "prefixes", csv: prefixFile })).toEqual({
      kind: "prefixes",
      created: 2,
    });
    const tree = await admin.ipam.prefixes.list({ vrfId: vrf.id });
    expect(tree.rows.map((r) => [r.prefix, r.depth, r.status, r.isPool])).toEqual([
      ["10.60.0.0/16", 0, "CONTAINER", false],
      ["10.60.1.0/24", 1, "ACTIVE", true],
    ]);
    const addressFile = csv("address,dns_name,vrf", "10.60.1.10,cpe-10.example,Import good", "10.60.1.11,,import good");
    expect(await admin.ipam.import.run({ kind: "addresses", csv: addressFile })).toMatchObject({ created: 2 });
    const inPool = await admin.ipam.addresses.list({ prefixId: tree.rows[1]!.id });
    expect(inPool.rows.map((r) => [r.address, r.dnsName])).toEqual([
      ["10.60.1.10", "cpe-10.example"],
      ["10.60.1.11", null],
    ]);
    const imports = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "ipam.import" } }),
    );
    expect(imports.map((a) => (a.after as { created: number }).created).sort()).toEqual([2, 2]);
  });

  it("a malformed CIDR: the dry run names the line and the value, and the import writes nothing", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Import bad" });
    const file = csv("prefix,vrf", "10.61.0.0/24,Import bad", "10.61.300.0/24,Import bad", "10.61.2.0/24,Import bad");
    const dry = await admin.ipam.import.preview({ kind: "prefixes", csv: file });
    expect(dry.canImport).toBe(false);
    expect(dry.counts).toEqual({ CREATE: 2, ERROR: 1 });
    expect(dry.lines[1]).toMatchObject({ line: 3, value: "10.61.300.0/24", state: "ERROR" });
    expect(dry.lines[1]!.error).toMatch(/"10\.61\.300\.0\/24" is not valid: Enter a prefix such as/);
    const answer = await failure(admin.ipam.import.run({ kind: "prefixes", csv: file }));
    expect(answer.code).toBe("UNPROCESSABLE_CONTENT");
    expect(answer.message).toMatch(/^Nothing was imported: 1 line cannot be created \(line 3: /);
    // The good lines before and after the bad one were not written either.
    expect(await prefixesIn(vrf.id)).toEqual([]);
  });

  it("says why each line cannot be created: overlap, host bits, outside every prefix, network address, duplicates", async () => {
    const vrf = await admin.ipam.vrfs.create({ name: "Import rules" });
    await admin.ipam.prefixes.create({ prefix: "10.62.1.0/24", vrfId: vrf.id });
    const prefixesDry = await admin.ipam.import.preview({
      kind: "prefixes",
      csv: csv(
        "prefix,vrf",
        "10.62.1.128/25,Import rules",
        "10.62.2.5/24,Import rules",
        "10.62.1.0/24,Import rules",
        "10.62.3.0/24,Import rules",
        "10.62.3.0/24,Import rules",
        "10.62.4.0/24,No such VRF",
      ),
    });
    expect(prefixesDry.lines.map((l) => [l.line, l.state, l.error])).toEqual([
      [2, "ERROR", expect.stringMatching(/overlaps another prefix/)],
      [3, "ERROR", "10.62.2.5/24 has host bits set; the network is 10.62.2.0/24."],
      [4, "ERROR", "This prefix already exists in this VRF."],
      [5, "CREATE", null],
      [6, "ERROR", "10.62.3.0/24 is also on line 5 of this file."],
      [7, "ERROR", 'vrf: there is no VRF named "No such VRF".'],
    ]);
    const addressesDry = await admin.ipam.import.preview({
      kind: "addresses",
      csv: csv(
        "address,vrf",
        "10.62.9.9,Import rules",
        "10.62.1.0,Import rules",
        "10.62.1.255,Import rules",
        "10.62.1.7,Import rules",
      ),
    });
    expect(addressesDry.lines.map((l) => [l.state, l.error])).toEqual([
      ["ERROR", "10.62.9.9 is outside every prefix of its VRF; add or import the prefix first."],
      ["ERROR", "10.62.1.0 is the network address of 10.62.1.0/24; a host cannot use it."],
      ["ERROR", "10.62.1.255 is the broadcast address of 10.62.1.0/24; a host cannot use it."],
      ["CREATE", null],
    ]);
    expect(await prefixesIn(vrf.id)).toEqual(["10.62.1.0/24"]);
    // A file without the key column is refused as a whole.
    const noColumn = await failure(admin.ipam.import.preview({ kind: "vlans", csv: csv("name", "Mgmt") }));
    expect(noColumn.message).toMatch(/^The file has no "vid" column/);
  });

  it("imports VLANs into a group, and refuses an id outside the group's range", async () => {
    await admin.ipam.vlans.createGroup({ name: "Import POP", slug: "import-pop", minVid: 100, maxVid: 199 });
    const file = csv(
      "vid,name,group",
      "110,Subscribers,import-pop",
      "120,Business,Import POP",
      "300,Too high,import-pop",
    );
    const dry = await admin.ipam.import.preview({ kind: "vlans", csv: file });
    expect(dry.lines.map((l) => [l.state, l.error])).toEqual([
      ["CREATE", null],
      ["CREATE", null],
      ["ERROR", "Import POP takes VLAN ids 100–199."],
    ]);
    expect(await admin.ipam.import.run({ kind: "vlans", csv: file.replace(/300,Too high,import-pop\n/, "") })).toEqual({
      kind: "vlans",
      created: 2,
    });
    expect(
      (await admin.ipam.vlans.list({ search: "Business" })).rows.map((v) => [v.vid, v.group?.name]),
    ).toContainEqual([120, "Import POP"]);
  });
});

describe("who holds an address", () => {
  it("names the customer to staff who may read customers, and only to them", async () => {
    const subscription = await makeSubscription();
    const vrf = await admin.ipam.vrfs.create({ name: "Customer sight" });
    await admin.ipam.addresses.create({ address: "100.64.9.7", vrfId: vrf.id, subscriptionId: subscription.id });
    const customer = await withTenant(co.company.id, (tx) =>
      tx.customer.findUniqueOrThrow({ where: { id: subscription.customerId } }),
    );
    const [seen] = (await admin.ipam.addresses.list({ vrfId: vrf.id })).rows;
    expect(seen).toMatchObject({ customerId: customer.id, customerName: expect.stringContaining(customer.firstName!) });

    // No role in the table holds network:read without customers:read today; a caller whose
    // permissions are exactly that stands for one (a role added later, a trimmed-down API token).
    const full = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
    const viewer = {
      ...full.ctx.viewer!,
      permissions: full.ctx.viewer!.permissions.filter((p) => p !== "customers:read"),
    };
    const networkOnly = createCaller({ ...full.ctx, viewer });
    await expect(networkOnly.customers.list({})).rejects.toThrow(/permission/);
    const [hidden] = (await networkOnly.ipam.addresses.list({ vrfId: vrf.id })).rows;
    expect(hidden).toMatchObject({
      address: "100.64.9.7",
      subscriptionId: subscription.id,
      customerId: null,
      customerName: null,
    });
    expect(await networkOnly.ipam.addresses.get({ id: hidden!.id })).toMatchObject({
      customerId: null,
      customerName: null,
    });
  });
});
