import { describe, expect, it } from "vitest";
import { mikrotikRateLimit, radiusAttributesFor, type RadiusPackage } from "./attributes";

const base: RadiusPackage = {
  type: "PPPOE",
  hotspotMode: null,
  downloadKbps: 20_000,
  uploadKbps: 5_000,
  burstDownloadKbps: null,
  burstUploadKbps: null,
  burstThresholdBps: null,
  burstTimeSeconds: null,
  dataCapMb: null,
  fupDownloadKbps: null,
  fupUploadKbps: null,
  validityMinutes: null,
  sessionTimeoutMinutes: null,
};
const login = { status: "ACTIVE" as const, username: "acc42", hasPassword: true, staticIp: null };
const toMap = (rows: ReturnType<typeof radiusAttributesFor>) =>
  Object.fromEntries(rows.map((r) => [`${r.kind}:${r.attribute}`, `${r.op} ${r.value}`]));

describe("radiusAttributesFor", () => {
  it("PPPoE: password check and rate limit reply", () => {
    expect(toMap(radiusAttributesFor(login, base))).toEqual({
      "reply:Mikrotik-Rate-Limit": ":= 5000k/20000k",
    });
  });

  it("fibre with burst, session timeout and a hard data cap over 4 GiB", () => {
    const pkg: RadiusPackage = {
      ...base,
      type: "FIBER",
      downloadKbps: 100_000,
      uploadKbps: 50_000,
      burstDownloadKbps: 150_000,
      burstUploadKbps: 60_000,
      burstTimeSeconds: 16,
      sessionTimeoutMinutes: 1_440,
      dataCapMb: 10_240,
    };
    expect(toMap(radiusAttributesFor(login, pkg))).toEqual({
      "reply:Mikrotik-Rate-Limit": ":= 50000k/100000k 60000k/150000k 37500k/75000k 16/16",
      "reply:Session-Timeout": ":= 86400",
      // 10 GiB = 2 × 4 GiB + 2 GiB
      "reply:Mikrotik-Total-Limit": ":= 2147483648",
      "reply:Mikrotik-Total-Limit-Gigawords": ":= 2",
    });
  });

  it("corporate with a static IP gets Framed-IP-Address; fair-use caps are not hard quotas", () => {
    const pkg: RadiusPackage = {
      ...base,
      type: "CORPORATE",
      downloadKbps: 50_000,
      uploadKbps: 50_000,
      dataCapMb: 500,
      fupDownloadKbps: 1_000,
    };
    const rows = toMap(radiusAttributesFor({ ...login, staticIp: "10.20.0.15" }, pkg));
    expect(rows["reply:Framed-IP-Address"]).toBe(":= 10.20.0.15");
    expect(rows["reply:Mikrotik-Total-Limit"]).toBeUndefined();
  });

  it("hotspot: time validity becomes the session timeout, data allowance the quota", () => {
    const time: RadiusPackage = {
      ...base,
      type: "HOTSPOT",
      hotspotMode: "TIME",
      validityMinutes: 60,
      downloadKbps: 2_000,
      uploadKbps: 1_000,
    };
    expect(toMap(radiusAttributesFor(login, time))["reply:Session-Timeout"]).toBe(":= 3600");
    const data: RadiusPackage = {
      ...base,
      type: "HOTSPOT",
      hotspotMode: "DATA",
      dataCapMb: 1_024,
      downloadKbps: 2_000,
      uploadKbps: 1_000,
    };
    expect(toMap(radiusAttributesFor(login, data))).toMatchObject({
      "reply:Mikrotik-Total-Limit": ":= 1073741824",
      "reply:Mikrotik-Rate-Limit": ":= 1000k/2000k",
    });
  });

  it("suspended keeps the credentials but rejects; pending, terminated and loginless have nothing", () => {
    expect(radiusAttributesFor({ ...login, status: "SUSPENDED" }, base)).toEqual([
      { kind: "check", attribute: "Auth-Type", op: ":=", value: "Reject" },
    ]);
    expect(radiusAttributesFor({ ...login, status: "PENDING" }, base)).toEqual([]);
    expect(radiusAttributesFor({ ...login, status: "TERMINATED" }, base)).toEqual([]);
    expect(radiusAttributesFor({ ...login, username: null }, base)).toEqual([]);
  });

  it("burst with an explicit threshold in bit/s", () => {
    expect(mikrotikRateLimit({ ...base, burstDownloadKbps: 40_000, burstThresholdBps: 15_000_000 })).toBe(
      "5000k/20000k 5000k/40000k 15000000/15000000 8/8",
    );
    expect(mikrotikRateLimit({ ...base, burstDownloadKbps: 40_000 })).toBe("5000k/20000k 5000k/40000k");
  });
});
