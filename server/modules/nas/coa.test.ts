import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { consumer, runInline, settleInline } from "../../jobs/emit";
import { coaRequested } from "../../jobs/events";
import { sendCoaRequest } from "../../jobs/functions/send-coa";
import { handleEventsInline } from "../../jobs/index";
import { unseal } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import * as apiTokens from "../auth/api-tokens";
import { account, accountingPacket } from "../radius/accounting";
import { makeNetwork } from "../radius/testing";
import { systemActor, type Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import { packageInput } from "../subscriptions/testing";
import { makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { disconnect, online } from "./rest";
import { startCoaResponder, type CoaResponder } from "./testing";

// Change of Authorization against a local NAS (server/modules/nas/testing.ts): a UDP responder
// that checks each packet's Request Authenticator and Message-Authenticator with the shared
// secret and answers ACK, NAK or nothing at all.

const SECRET = "s3cret-shared-nas";
let net: Awaited<ReturnType<typeof makeNetwork>>;
let nas: CoaResponder;
let silent: CoaResponder;
let nasId: string;
let silentNasId: string;
let seq = 0;

beforeAll(async () => {
  net = await makeNetwork("coa-isp");
  nas = await startCoaResponder(SECRET, "127.0.0.1");
  silent = await startCoaResponder(SECRET, "127.0.0.2");
  silent.answerWith({ kind: "SILENT" });
  nasId = (
    await net.admin.nas.create({
      name: "core-bng",
      ipAddress: "127.0.0.1",
      coaPort: nas.port,
      secret: SECRET,
      type: "BNG",
    })
  ).id;
  silentNasId = (
    await net.admin.nas.create({ name: "dead-router", ipAddress: "127.0.0.2", coaPort: silent.port, secret: SECRET })
  ).id;
});

afterAll(async () => {
  await nas.close();
  await silent.close();
});

/** Accounting Start of a session, as FreeRADIUS reports it. */
async function goOnline(username: string, nasIp = "127.0.0.1") {
  const acctSessionId = `sess-${++seq}`;
  const framedIp = `100.64.0.${seq}`;
  await account(
    net.company.id,
    systemActor,
    accountingPacket(
      new Map([
        ["acct-status-type", "Start"],
        ["user-name", username],
        ["acct-session-id", acctSessionId],
        ["nas-ip-address", nasIp],
        ["framed-ip-address", framedIp],
      ]),
    ),
  );
  const session = await withTenant(net.company.id, (tx) =>
    tx.radiusSession.findFirstOrThrow({ where: { acctSessionId } }),
  );
  return { acctSessionId, framedIp, sessionId: session.id };
}

const requestsOf = (subscriptionId: string) =>
  withTenant(net.company.id, (tx) =>
    tx.coaRequest.findMany({ where: { subscriptionId }, orderBy: { requestedAt: "asc" } }),
  );

describe("suspension and package changes reach the live session", () => {
  it("suspending a subscriber who is online sends a Disconnect-Request the NAS accepts, shown on their page", async () => {
    const sub = await net.subscriber("ACTIVE");
    const live = await goOnline(sub.username);
    const before = nas.received.length;
    await net.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
    await settleInline();

    expect(nas.refused).toEqual([]);
    const sent = nas.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      code: 40,
      hasMessageAuthenticator: true,
      attributes: {
        "User-Name": sub.username,
        "Acct-Session-Id": live.acctSessionId,
        "Framed-IP-Address": live.framedIp,
        "NAS-IP-Address": "127.0.0.1",
      },
    });
    const [request] = await requestsOf(sub.subscriptionId);
    expect(request).toMatchObject({
      kind: "DISCONNECT",
      reason: "SUSPENSION",
      result: "ACK",
      attempts: 1,
      nasId,
      sessionId: live.sessionId,
    });
    expect(request!.completedAt).toBeInstanceOf(Date);

    // The customer page's card: the session (still open until the NAS's Stop arrives) and the outcome.
    const view = await net.admin.nas.forCustomer({ customerId: sub.customerId });
    expect(view.requests.map((r) => [r.reason, r.result])).toEqual([["SUSPENSION", "ACK"]]);
    expect(view.sessions[0]?.lastRequest?.result).toBe("ACK");
    const audit = await withTenant(net.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: request!.id }, select: { action: true } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["coa.disconnect_requested"]);
  });

  it("a subscriber who is offline is suspended without any packet", async () => {
    const sub = await net.subscriber("ACTIVE");
    const before = nas.received.length;
    await net.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
    await settleInline();
    expect(nas.received.length).toBe(before);
    expect(await requestsOf(sub.subscriptionId)).toEqual([]);
  });

  it("a package change sends a CoA-Request with the new Mikrotik-Rate-Limit, without a disconnect", async () => {
    const sub = await net.subscriber("ACTIVE");
    await goOnline(sub.username);
    const faster = await net.admin.packages.create(
      packageInput("PPPOE", { name: "Home 50", code: "HOME-50-COA", downloadKbps: 50_000, uploadKbps: 10_000 }),
    );
    const before = nas.received.length;
    await withTenant(net.company.id, (tx) =>
      subscriptions.changePackage(
        { tx, companyId: net.company.id, actor: systemActor },
        sub.subscriptionId,
        faster.id,
        "2026-12-04",
        "Upgrade approved",
      ),
    );
    await settleInline();
    const sent = nas.received.slice(before);
    expect(sent.map((p) => p.code)).toEqual([43]);
    expect(sent[0]!.attributes["Mikrotik-Rate-Limit"]).toBe("10000k/50000k");
    expect(sent[0]!.attributes["User-Name"]).toBe(sub.username);
    const [request] = await requestsOf(sub.subscriptionId);
    expect(request).toMatchObject({ kind: "COA", reason: "PACKAGE_CHANGE", result: "ACK" });
    expect(request!.attributes).toEqual([{ name: "Mikrotik-Rate-Limit", value: "10000k/50000k" }]);
  });

  it("a NAK is recorded with the NAS's Error-Cause in words", async () => {
    const sub = await net.subscriber("ACTIVE");
    await goOnline(sub.username);
    nas.answerWith({ kind: "NAK", errorCause: 503 });
    try {
      await net.admin.subscriptions.terminate({ id: sub.subscriptionId, reason: "Moved away" });
      await settleInline();
    } finally {
      nas.answerWith({ kind: "ACK" });
    }
    const [request] = await requestsOf(sub.subscriptionId);
    expect(request).toMatchObject({
      kind: "DISCONNECT",
      reason: "TERMINATION",
      result: "NAK",
      errorCause: 503,
      attempts: 1,
    });
    expect(request!.error).toMatch(/no longer online/);
  });
});

describe("bandwidth changes reach live sessions, in each NAS vendor's attributes", () => {
  const asSystem = <T>(work: (scope: Scope) => Promise<T>) =>
    withTenant(net.company.id, (tx) => work({ tx, companyId: net.company.id, actor: systemActor }));
  const movePackage = (subscriptionId: string, packageId: string) =>
    asSystem((scope) => subscriptions.changePackage(scope, subscriptionId, packageId, "2026-12-04", "Moved for test"));

  it("editing a policy's speeds sends a CoA to each online subscriber of its packages (fair-use speed to one slowed down); other edits send nothing", async () => {
    const policy = await net.admin.bandwidth.policies.create({
      name: "Home 20M",
      downloadKbps: 20_000,
      uploadKbps: 5_000,
      fupDownloadKbps: 1_000,
      fupUploadKbps: 500,
    });
    const pkg = await net.admin.packages.create(
      packageInput("PPPOE", { name: "Policy 20", code: "POL-20-COA", bandwidthPolicyId: policy.id, dataCapMb: 50_000 }),
    );
    const online = await net.subscriber("ACTIVE");
    const slowed = await net.subscriber("ACTIVE");
    const offline = await net.subscriber("ACTIVE");
    for (const s of [online, slowed, offline]) await movePackage(s.subscriptionId, pkg.id);
    await settleInline();
    const first = await goOnline(online.username);
    await goOnline(slowed.username);
    await asSystem((scope) =>
      scope.tx.fairUseState.create({
        data: {
          id: newId(),
          companyId: scope.companyId,
          subscriptionId: slowed.subscriptionId,
          periodStart: new Date("2026-12-01"),
          periodEnd: new Date("2026-12-31"),
          overCap: true,
          action: "THROTTLE",
          usedMb: 51_000,
          allowanceMb: 50_000,
          crossedAt: new Date(),
        },
      }),
    );
    const policyInput = {
      name: "Home 20M",
      downloadKbps: 30_000,
      uploadKbps: 8_000,
      fupDownloadKbps: 2_000,
      fupUploadKbps: 1_000,
    };
    const before = nas.received.length;
    await net.admin.bandwidth.policies.update({ id: policy.id, data: policyInput });
    await settleInline();
    const sent = nas.received.slice(before);
    expect(nas.refused).toEqual([]);
    expect(sent.map((p) => [p.code, p.attributes["User-Name"], p.attributes["Mikrotik-Rate-Limit"]]).sort()).toEqual(
      [
        [43, online.username, "8000k/30000k"],
        [43, slowed.username, "1000k/2000k"],
      ].sort(),
    );
    // A MikroTik gets MikroTik's attributes only.
    expect(sent.every((p) => !("WISPr-Bandwidth-Max-Down" in p.attributes))).toBe(true);
    expect(sent.find((p) => p.attributes["User-Name"] === online.username)?.attributes["Acct-Session-Id"]).toBe(
      first.acctSessionId,
    );
    expect((await requestsOf(online.subscriptionId)).at(-1)).toMatchObject({
      kind: "COA",
      reason: "SPEED_CHANGE",
      result: "ACK",
    });
    expect(await requestsOf(offline.subscriptionId)).toEqual([]);

    // A new description changes no speed: nothing is sent.
    const quiet = nas.received.length;
    await net.admin.bandwidth.policies.update({
      id: policy.id,
      data: { ...policyInput, description: "For homes" },
    });
    await settleInline();
    expect(nas.received.length).toBe(quiet);

    // The package's own speeds and its policy: removing the policy sends the package's speeds.
    await net.admin.packages.update({
      id: pkg.id,
      data: packageInput("PPPOE", {
        name: "Policy 20",
        code: "POL-20-COA",
        downloadKbps: 40_000,
        uploadKbps: 10_000,
        bandwidthPolicyId: null,
        dataCapMb: 50_000,
        onCap: "DISCONNECT",
      }),
    });
    await settleInline();
    const afterPackage = nas.received.slice(quiet);
    expect(afterPackage.find((p) => p.attributes["User-Name"] === online.username)?.attributes).toMatchObject({
      "Mikrotik-Rate-Limit": "10000k/40000k",
    });
  });

  it("a Cisco NAS gets Cisco-AVPair QoS and a generic one the WISPr maxima, never MikroTik's attributes", async () => {
    const cisco = await startCoaResponder(SECRET, "127.0.1.5");
    const generic = await startCoaResponder(SECRET, "127.0.1.6");
    try {
      await net.admin.nas.create({
        name: "cisco-isg",
        ipAddress: "127.0.1.5",
        coaPort: cisco.port,
        secret: SECRET,
        vendor: "CISCO",
      });
      await net.admin.nas.create({
        name: "generic-bng",
        ipAddress: "127.0.1.6",
        coaPort: generic.port,
        secret: SECRET,
        vendor: "GENERIC",
      });
      const policy = await net.admin.bandwidth.policies.create({
        name: "Business 100M",
        downloadKbps: 100_000,
        uploadKbps: 20_000,
        addressList: "business",
      });
      const pkg = await net.admin.packages.create(
        packageInput("PPPOE", { name: "Business 100", code: "BIZ-100-COA", bandwidthPolicyId: policy.id }),
      );
      const onCisco = await net.subscriber("ACTIVE");
      const onGeneric = await net.subscriber("ACTIVE");
      await goOnline(onCisco.username, "127.0.1.5");
      await goOnline(onGeneric.username, "127.0.1.6");
      await movePackage(onCisco.subscriptionId, pkg.id);
      await movePackage(onGeneric.subscriptionId, pkg.id);
      await settleInline();

      expect([cisco.refused, generic.refused]).toEqual([[], []]);
      expect(cisco.received).toHaveLength(1);
      expect(
        cisco.received[0]!.all.filter(
          ([name]) =>
            name !== "User-Name" &&
            name !== "Acct-Session-Id" &&
            name !== "NAS-IP-Address" &&
            name !== "Framed-IP-Address",
        ),
      ).toEqual([
        ["Cisco-AVPair", "ip:sub-qos-policy-in=add-class(sub,(class-default),police(20000000))"],
        ["Cisco-AVPair", "ip:sub-qos-policy-out=add-class(sub,(class-default),police(100000000))"],
      ]);
      expect(generic.received).toHaveLength(1);
      expect(generic.received[0]!.attributes).toMatchObject({
        "WISPr-Bandwidth-Max-Up": 20_000_000,
        "WISPr-Bandwidth-Max-Down": 100_000_000,
      });
      expect(Object.keys(generic.received[0]!.attributes).some((n) => n.startsWith("Mikrotik-"))).toBe(false);
      // The request's history shows what was sent.
      expect((await requestsOf(onCisco.subscriptionId)).at(-1)).toMatchObject({
        result: "ACK",
        attributes: [
          { name: "Cisco-AVPair", value: "ip:sub-qos-policy-in=add-class(sub,(class-default),police(20000000))" },
          { name: "Cisco-AVPair", value: "ip:sub-qos-policy-out=add-class(sub,(class-default),police(100000000))" },
        ],
      });
    } finally {
      await cisco.close();
      await generic.close();
    }
  });

  it("a MikroTik gets a policy's rate limit and address list by CoA (the WISPr maxima stay for the login reply)", async () => {
    const policy = await net.admin.bandwidth.policies.create({
      name: "Home 10M list",
      downloadKbps: 10_000,
      uploadKbps: 2_000,
      addressList: "home-10",
    });
    const pkg = await net.admin.packages.create(
      packageInput("PPPOE", { name: "Home 10 list", code: "H10L-COA", bandwidthPolicyId: policy.id }),
    );
    const sub = await net.subscriber("ACTIVE");
    await goOnline(sub.username);
    const before = nas.received.length;
    await movePackage(sub.subscriptionId, pkg.id);
    await settleInline();
    const [packet] = nas.received.slice(before);
    expect(packet?.attributes).toMatchObject({
      "Mikrotik-Rate-Limit": "2000k/10000k",
      "Mikrotik-Address-List": "home-10",
    });
    expect((await requestsOf(sub.subscriptionId)).at(-1)).toMatchObject({ result: "ACK" });
  });
});

describe("staff disconnect, and NAS that cannot be reached", () => {
  it("a NAS that never answers: every attempt is sent, TIMEOUT is recorded, the session is left as it was", async () => {
    const sub = await net.subscriber("ACTIVE");
    const live = await goOnline(sub.username, "127.0.0.2");
    const sessionBefore = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findUniqueOrThrow({ where: { id: live.sessionId } }),
    );
    const first = await net.admin.nas.disconnect({ sessionId: live.sessionId });
    expect(first).toMatchObject({ result: "PENDING", reason: "STAFF", nas: { id: silentNasId, name: "dead-router" } });
    await settleInline();
    const [request] = await requestsOf(sub.subscriptionId);
    expect(request).toMatchObject({ result: "TIMEOUT", attempts: 3 });
    expect(request!.error).toMatch(/No answer from 127\.0\.0\.2/);
    expect(silent.received.filter((p) => p.attributes["Acct-Session-Id"] === live.acctSessionId)).toHaveLength(3);
    expect(
      await withTenant(net.company.id, (tx) => tx.radiusSession.findUniqueOrThrow({ where: { id: live.sessionId } })),
    ).toEqual(sessionBefore);
    // The online list says so beside the session.
    const page = await net.admin.nas.online({ nasId: silentNasId });
    expect(page.rows.map((r) => [r.username, r.lastRequest?.result])).toEqual([[sub.username, "TIMEOUT"]]);
  });

  it("a session on an unregistered NAS is recorded NO_NAS and nothing is sent", async () => {
    const sub = await net.subscriber("ACTIVE");
    const live = await goOnline(sub.username, "203.0.113.50");
    const before = nas.received.length + silent.received.length;
    const r = await net.admin.nas.disconnect({ sessionId: live.sessionId });
    await settleInline();
    expect(r).toMatchObject({ result: "NO_NAS", nas: null, attempts: 0 });
    expect(r.error).toMatch(/203\.0\.113\.50/);
    expect(nas.received.length + silent.received.length).toBe(before);
  });

  it("a NAS with another secret drops our packets, which then read as unanswered", async () => {
    const other = await startCoaResponder("the-routers-real-secret", "127.0.0.3");
    try {
      await net.admin.nas.create({
        name: "misconfigured",
        ipAddress: "127.0.0.3",
        coaPort: other.port,
        secret: SECRET,
      });
      const sub = await net.subscriber("ACTIVE");
      const live = await goOnline(sub.username, "127.0.0.3");
      await net.admin.nas.disconnect({ sessionId: live.sessionId });
      await settleInline();
      expect(other.received).toEqual([]);
      expect(other.refused).toEqual([
        "bad Request Authenticator",
        "bad Request Authenticator",
        "bad Request Authenticator",
      ]);
      expect((await requestsOf(sub.subscriptionId))[0]).toMatchObject({ result: "TIMEOUT", attempts: 3 });
    } finally {
      await other.close();
    }
  });

  it("a session that is no longer online cannot be disconnected", async () => {
    const failed = await failure(net.admin.nas.disconnect({ sessionId: "no-such-session" }));
    expect(failed.code).toBe("NOT_FOUND");
    expect(failed.message).toBe("This session is no longer online.");
  });
});

describe("the Inngest function", () => {
  it("retries while the NAS is silent, records TIMEOUT on the last attempt, and never sends an answered request again", async () => {
    const sub = await net.subscriber("ACTIVE");
    const live = await goOnline(sub.username, "127.0.0.2");
    // Record the request without the inline run, so only the function below sends it.
    runInline([consumer(coaRequested, async () => null)]);
    let requestId: string;
    try {
      requestId = (await net.admin.nas.disconnect({ sessionId: live.sessionId })).id;
      await settleInline();
    } finally {
      handleEventsInline();
    }
    const run = () =>
      new InngestTestEngine({
        function: sendCoaRequest,
        events: [{ name: coaRequested.name, data: { companyId: net.company.id, requestId } }],
      }).execute();
    const state = () =>
      withTenant(net.company.id, (tx) => tx.coaRequest.findUniqueOrThrow({ where: { id: requestId } }));

    const first = await run();
    expect(first.error).toBeTruthy();
    expect(await state()).toMatchObject({ result: "PENDING", attempts: 1 });
    expect((await run()).error).toBeTruthy();
    const last = await run();
    expect(last.error).toBeUndefined();
    expect(last.result).toMatchObject({ result: "TIMEOUT", attempts: 3, final: true });
    expect(await state()).toMatchObject({ result: "TIMEOUT", attempts: 3 });

    const sentBefore = silent.received.length;
    const again = await run();
    expect(again.result).toMatchObject({ skipped: "already_done", result: "TIMEOUT" });
    expect(silent.received.length).toBe(sentBefore);
    expect((await state()).attempts).toBe(3);
  });
});

describe("the NAS registry", () => {
  it("keeps the shared secret sealed, never returns it, and rotates it", async () => {
    const made = await net.admin.nas.create({
      name: "Edge 1",
      ipAddress: "10.20.0.1",
      vendor: "CISCO",
      type: "HOTSPOT_GATEWAY",
      secret: "first-secret-123",
    });
    expect(made).toMatchObject({ name: "Edge 1", ipAddress: "10.20.0.1", coaPort: 3799, vendor: "CISCO" });
    expect(JSON.stringify(made)).not.toContain("first-secret-123");
    expect("secret" in made).toBe(false);
    const stored = () => withTenant(net.company.id, (tx) => tx.nas.findUniqueOrThrow({ where: { id: made.id } }));
    expect((await stored()).secret).not.toContain("first-secret-123");
    expect(unseal((await stored()).secret)).toBe("first-secret-123");

    await net.admin.nas.update({ id: made.id, name: "Edge 1A", ipAddress: "10.20.0.1", vendor: "CISCO" });
    expect(unseal((await stored()).secret)).toBe("first-secret-123");
    await net.admin.nas.rotateSecret({ id: made.id, secret: "second-secret-456" });
    expect(unseal((await stored()).secret)).toBe("second-secret-456");

    const audit = await withTenant(net.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: made.id }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["nas.create", "nas.update", "nas.rotate_secret"]);
    expect(JSON.stringify(audit)).not.toMatch(/first-secret|second-secret|v1\./);
  });

  it("refuses a second NAS at the same address, a bad address and a short secret, changing nothing", async () => {
    const count = () => withTenant(net.company.id, (tx) => tx.nas.count());
    const before = await count();
    const dup = await failure(
      net.admin.nas.create({ name: "Other", ipAddress: "127.0.0.1", secret: "another-secret" }),
    );
    expect(dup.code).toBe("CONFLICT");
    expect(dup.message).toBe("Another NAS already has this IP address.");
    const bad = await failure(net.admin.nas.create({ name: "Bad", ipAddress: "10.0.0.300", secret: "another-secret" }));
    expect(bad.code).toBe("BAD_REQUEST");
    const short = await failure(net.admin.nas.create({ name: "Short", ipAddress: "10.0.0.3", secret: "abc" }));
    expect(short.code).toBe("BAD_REQUEST");
    const device = await failure(
      net.admin.nas.create({ name: "Ghost", ipAddress: "10.0.0.4", secret: "another-secret", deviceId: "nope" }),
    );
    expect(device.message).toBe("That device does not exist.");
    expect(await count()).toBe(before);
  });

  it("removes a NAS only while no session is online on it, and says why otherwise", async () => {
    const made = await net.admin.nas.create({ name: "to-remove", ipAddress: "10.30.0.1", secret: "remove-me-secret" });
    const live = await goOnline("remove-walk-in", "10.30.0.1");
    const refused = await failure(net.admin.nas.remove({ id: made.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/^1 session is online on to-remove: disconnect it/);
    expect((await net.admin.nas.get({ id: made.id })).name).toBe("to-remove");
    await account(
      net.company.id,
      systemActor,
      accountingPacket(
        new Map([
          ["acct-status-type", "Stop"],
          ["user-name", "remove-walk-in"],
          ["acct-session-id", live.acctSessionId],
          ["nas-ip-address", "10.30.0.1"],
        ]),
      ),
    );
    expect(await net.admin.nas.remove({ id: made.id })).toEqual({ id: made.id });
    expect((await failure(net.admin.nas.get({ id: made.id }))).code).toBe("NOT_FOUND");
    const audit = await withTenant(net.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: made.id }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["nas.create", "nas.delete"]);
  });

  it("lists and finds NAS by name or address, a page at a time", async () => {
    const page = await net.admin.nas.list({ search: "127.0.0", pageSize: 2 });
    expect(page).toMatchObject({ total: 3, pageCount: 2 });
    expect(page.rows.map((r) => r.name)).toEqual(["core-bng", "dead-router"]);
    expect((await net.admin.nas.list({ search: "127.0.0", pageSize: 2, page: 2 })).rows.map((r) => r.name)).toEqual([
      "misconfigured",
    ]);
    expect((await net.admin.nas.list({ search: "DEAD" })).rows.map((r) => r.id)).toEqual([silentNasId]);
  });
});

describe("the online list", () => {
  it("shows open sessions only, by NAS, by site and by username", async () => {
    const site = await net.admin.ipam.sites.create({ name: "Westlands POP", slug: "westlands" });
    await net.admin.nas.update({
      id: nasId,
      name: "core-bng",
      ipAddress: "127.0.0.1",
      coaPort: nas.port,
      type: "BNG",
      siteId: site.id,
    });
    const sub = await net.subscriber("ACTIVE", "listed-user");
    const live = await goOnline(sub.username);
    const gone = await goOnline("left-already");
    await account(
      net.company.id,
      systemActor,
      accountingPacket(
        new Map([
          ["acct-status-type", "Stop"],
          ["user-name", "left-already"],
          ["acct-session-id", gone.acctSessionId],
          ["nas-ip-address", "127.0.0.1"],
        ]),
      ),
    );
    const bySearch = await net.admin.nas.online({ search: "LISTED" });
    expect(bySearch.rows).toHaveLength(1);
    expect(bySearch.rows[0]).toMatchObject({
      id: live.sessionId,
      nas: { id: nasId, name: "core-bng", site: { name: "Westlands POP" } },
      subscriber: { subscriptionId: sub.subscriptionId, customerId: sub.customerId },
    });
    expect((await net.admin.nas.online({ search: "left-already" })).total).toBe(0);
    const atSite = await net.admin.nas.online({ siteId: site.id, pageSize: 200 });
    expect(atSite.rows.every((r) => r.nasIp === "127.0.0.1")).toBe(true);
    expect(atSite.rows.map((r) => r.id)).toContain(live.sessionId);
    expect((await net.admin.nas.online({ nasId: silentNasId, search: "listed" })).total).toBe(0);
  });
});

describe("REST", () => {
  it("lists sessions online and disconnects one for a technical support token; refuses a billing administrator", async () => {
    const support = await makeUser(net.company.id, "TECHNICAL_SUPPORT", { email: "support@coa-isp.test" });
    const token = (await apiTokens.issue(net.company.id, support, { ip: "203.0.113.9", userAgent: "vitest" }))
      .accessToken;
    const host = hostOf(net.company.slug);
    const sub = await net.subscriber("ACTIVE");
    const live = await goOnline(sub.username);

    const list = await call(online, { host, token, query: { search: sub.username } });
    expect(list.status, list.text).toBe(200);
    expect(list.body.rows.map((r: { id: string }) => r.id)).toEqual([live.sessionId]);

    const cut = await call(disconnect, { host, token, params: { id: live.sessionId } });
    expect(cut.status, cut.text).toBe(202);
    expect(cut.body).toMatchObject({ kind: "DISCONNECT", reason: "STAFF", result: "PENDING" });
    await settleInline();
    expect((await requestsOf(sub.subscriptionId))[0]).toMatchObject({ result: "ACK" });

    const billing = await makeUser(net.company.id, "BILLING_ADMIN", { email: "billing@coa-isp.test" });
    const billingToken = (await apiTokens.issue(net.company.id, billing, { ip: "203.0.113.9", userAgent: "vitest" }))
      .accessToken;
    expect((await call(online, { host, token: billingToken })).status).toBe(403);
    expect((await call(disconnect, { host, token: billingToken, params: { id: live.sessionId } })).status).toBe(403);
  });
});
