import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { account, accountingPacket } from "../radius/accounting";
import { missingFreeradius, startFreeradius, writeRaddb, type Daemon } from "../radius/freeradius-harness";
import { makeNetwork } from "../radius/testing";
import { systemActor } from "../scope";
import * as subscriptions from "../subscriptions/service";
import { packageInput } from "../subscriptions/testing";

// Our Disconnect-Request and CoA-Request as a real RFC 5176 server sees them: Debian's FreeRADIUS
// 3 with a `coa` listener (the receiving end of Dynamic Authorization, as on a NAS), which drops
// any packet whose Request Authenticator or Message-Authenticator does not check with the shared
// secret, decodes the attributes with its own dictionaries (MikroTik, Cisco, WISPr) and writes
// them to a detail file, and answers ACK (or NAK when told to). So an ACK recorded here means
// FreeRADIUS found the packet and its authenticators valid.

const SECRET = "coa-freeradius-secret";
// The ports given to this work for FreeRADIUS (loopback only).
const AUTH_PORT = 18121;
const COA_PORT = 18122;

describe.skipIf(!!missingFreeradius)("Disconnect and CoA received by FreeRADIUS", () => {
  let daemon: Daemon;
  let dir: string;
  let net: Awaited<ReturnType<typeof makeNetwork>>;
  let seq = 0;

  const detail = () => {
    try {
      return readFileSync(path.join(dir, "log", "coa.detail"), "utf8");
    } catch {
      return "";
    }
  };
  /** The detail file's entry for a session (FreeRADIUS's own decoding of what we sent). */
  const received = (acctSessionId: string) =>
    detail()
      .split(/\n\n+/)
      .filter((entry) => entry.includes(`Acct-Session-Id = "${acctSessionId}"`));

  async function goOnline(username: string, nasIp: string) {
    const acctSessionId = `fr-coa-${++seq}`;
    await account(
      net.company.id,
      systemActor,
      accountingPacket(
        new Map([
          ["acct-status-type", "Start"],
          ["user-name", username],
          ["acct-session-id", acctSessionId],
          ["nas-ip-address", nasIp],
          ["framed-ip-address", `100.64.1.${seq}`],
        ]),
      ),
    );
    return acctSessionId;
  }
  const lastRequest = (subscriptionId: string) =>
    withTenant(net.company.id, (tx) =>
      tx.coaRequest.findFirstOrThrow({ where: { subscriptionId }, orderBy: { requestedAt: "desc" } }),
    );

  beforeAll(async () => {
    dir = writeRaddb({
      secret: SECRET,
      modules: {
        always: "always ok {\n\trcode = ok\n}\nalways reject {\n\trcode = reject\n}\n",
        coa_detail:
          'detail coa_detail {\n\tfilename = ${logdir}/coa.detail\n\tpermissions = 0600\n\theader = "%t"\n}\n',
      },
      sites: {
        coa: `server lastmile-coa-test {
	listen {
		type = auth
		ipaddr = 127.0.0.1
		port = ${AUTH_PORT}
	}
	# Dynamic Authorization, as a NAS receives it, on every loopback address (one per test NAS).
	listen {
		type = coa
		ipaddr = *
		port = ${COA_PORT}
	}
	authorize {
		ok
		Autz-Type Status-Server {
			ok
		}
	}
	authenticate {
	}
	recv-coa {
		coa_detail
		if (&User-Name == "refuse-me") {
			reject
		}
		ok
	}
	send-coa {
		ok
	}
}
`,
      },
    });
    daemon = await startFreeradius(dir, AUTH_PORT, SECRET);
    net = await makeNetwork("coa-freeradius");
    // Every CoA leaves from 127.0.0.1, the one client FreeRADIUS knows (with SECRET).
    await net.admin.nas.create({ name: "mikrotik", ipAddress: "127.0.0.1", coaPort: COA_PORT, secret: SECRET });
    await net.admin.nas.create({
      name: "cisco",
      ipAddress: "127.0.2.2",
      coaPort: COA_PORT,
      secret: SECRET,
      vendor: "CISCO",
    });
    await net.admin.nas.create({
      name: "generic",
      ipAddress: "127.0.2.3",
      coaPort: COA_PORT,
      secret: SECRET,
      vendor: "GENERIC",
    });
    await net.admin.nas.create({
      name: "wrong-secret",
      ipAddress: "127.0.2.4",
      coaPort: COA_PORT,
      secret: "not-the-secret-it-has",
    });
  }, 60_000);

  afterAll(async () => {
    await daemon?.stop();
  });

  it("accepts our Disconnect-Request (authenticators valid) and answers ACK, recorded on the request", async () => {
    const sub = await net.subscriber("ACTIVE");
    const sid = await goOnline(sub.username, "127.0.0.1");
    await net.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
    await settleInline();
    expect(await lastRequest(sub.subscriptionId)).toMatchObject({ kind: "DISCONNECT", result: "ACK", attempts: 1 });
    const [entry] = received(sid);
    expect(entry).toContain(`User-Name = "${sub.username}"`);
    expect(entry).toContain("NAS-IP-Address = 127.0.0.1");
    expect(entry).toMatch(/Packet-Type = Disconnect-Request/);
    expect(daemon.log()).not.toMatch(/Shared secret is incorrect/);
  }, 30_000);

  it("decodes a CoA-Request's attributes in each vendor's dictionary: MikroTik, Cisco, WISPr", async () => {
    const policy = await net.admin.bandwidth.policies.create({
      name: "Home 10M",
      downloadKbps: 10_000,
      uploadKbps: 2_000,
      addressList: "home-10",
    });
    const pkg = await net.admin.packages.create(
      packageInput("PPPOE", { name: "Home 10", code: "H10-FR", bandwidthPolicyId: policy.id }),
    );
    const sessions: Record<string, { sid: string; subscriptionId: string }> = {};
    for (const [vendor, ip] of [
      ["mikrotik", "127.0.0.1"],
      ["cisco", "127.0.2.2"],
      ["generic", "127.0.2.3"],
    ] as const) {
      const sub = await net.subscriber("ACTIVE");
      sessions[vendor] = { sid: await goOnline(sub.username, ip), subscriptionId: sub.subscriptionId };
      await withTenant(net.company.id, (tx) =>
        subscriptions.changePackage(
          { tx, companyId: net.company.id, actor: systemActor },
          sub.subscriptionId,
          pkg.id,
          "2026-12-04",
          "Upgrade",
        ),
      );
    }
    await settleInline();
    for (const s of Object.values(sessions))
      expect(await lastRequest(s.subscriptionId)).toMatchObject({ kind: "COA", result: "ACK" });

    const [mikrotik] = received(sessions.mikrotik!.sid);
    expect(mikrotik).toMatch(/Packet-Type = CoA-Request/);
    expect(mikrotik).toContain('Mikrotik-Rate-Limit = "2000k/10000k"');
    expect(mikrotik).toContain('Mikrotik-Address-List = "home-10"');
    expect(mikrotik).not.toContain("WISPr");
    const [cisco] = received(sessions.cisco!.sid);
    expect(cisco).toContain('Cisco-AVPair = "ip:sub-qos-policy-in=add-class(sub,(class-default),police(2000000))"');
    expect(cisco).toContain('Cisco-AVPair = "ip:sub-qos-policy-out=add-class(sub,(class-default),police(10000000))"');
    expect(cisco).not.toContain("Mikrotik");
    const [generic] = received(sessions.generic!.sid);
    expect(generic).toContain("WISPr-Bandwidth-Max-Up = 2000000");
    expect(generic).toContain("WISPr-Bandwidth-Max-Down = 10000000");
    expect(generic).not.toContain("Mikrotik");
  }, 30_000);

  it("records FreeRADIUS's NAK, and a NAS with another secret drops every packet (TIMEOUT)", async () => {
    const refused = await net.subscriber("ACTIVE", "refuse-me");
    await goOnline(refused.username, "127.0.0.1");
    await net.admin.subscriptions.suspend({ id: refused.subscriptionId, reason: "Unpaid invoice" });
    const wrong = await net.subscriber("ACTIVE");
    const wrongSid = await goOnline(wrong.username, "127.0.2.4");
    await net.admin.subscriptions.suspend({ id: wrong.subscriptionId, reason: "Unpaid invoice" });
    await settleInline();
    expect(await lastRequest(refused.subscriptionId)).toMatchObject({ result: "NAK", attempts: 1 });
    expect(await lastRequest(wrong.subscriptionId)).toMatchObject({ result: "TIMEOUT", attempts: 3 });
    expect(received(wrongSid)).toEqual([]);
    expect(daemon.log()).toMatch(/Shared secret is incorrect/);
  }, 30_000);
});
