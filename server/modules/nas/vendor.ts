import type { NasVendor } from "../../db/generated/prisma/enums";
import type { CoaAttribute } from "./schema";

// What a CoA-Request carries depends on who receives it. Callers say what to apply in the terms
// provisioning writes for the next login (MikroTik's rate limit and address list, the WISPr
// maxima, standard attributes); each NAS gets them in its vendor's words:
//   • MikroTik: the Mikrotik-* attributes (its rate limit syntax, address lists); WISPr left out.
//   • Cisco (ISG / IOS-XE): the speeds as Cisco-AVPair parameterised QoS,
//     "ip:sub-qos-policy-in=add-class(sub,(class-default),police(<bit/s>))" for the subscriber's
//     upload and "…-out=…" for the download (docs/OPERATIONS.md); MikroTik's and WISPr's left out.
//   • Generic (RFC 5176): WISPr-Bandwidth-Max-Up/-Down in bit/s; the Mikrotik-* left out.
// Standard attributes (Session-Timeout, Framed-Pool, …) go to every vendor. The rows of a request
// are stored as sent, so its history shows what the NAS was asked.

const isMikrotik = (name: string) => name.startsWith("Mikrotik-");
const isWispr = (name: string) => name.startsWith("WISPr-");

/** The speeds in bit/s the rows set: the WISPr maxima, else the rate limit's "up/down" (k, M or bit/s). */
export function speedsOf(attributes: readonly CoaAttribute[]): { upBps: number; downBps: number } | null {
  const value = (name: string) => attributes.find((a) => a.name === name)?.value;
  const up = Number(value("WISPr-Bandwidth-Max-Up"));
  const down = Number(value("WISPr-Bandwidth-Max-Down"));
  if (up > 0 && down > 0) return { upBps: up, downBps: down };
  const rate = value("Mikrotik-Rate-Limit");
  const m = typeof rate === "string" ? /^(\d+)([kKmM]?)\/(\d+)([kKmM]?)/.exec(rate.trim()) : null;
  if (!m) return null;
  const bps = (n: string, unit: string) =>
    Number(n) * (unit.toLowerCase() === "k" ? 1000 : unit.toLowerCase() === "m" ? 1e6 : 1);
  // MikroTik writes rx/tx from the router's side: rx is the subscriber's upload.
  return { upBps: bps(m[1]!, m[2]!), downBps: bps(m[3]!, m[4]!) };
}

export function attributesFor(vendor: NasVendor, attributes: readonly CoaAttribute[]): CoaAttribute[] {
  if (vendor === "MIKROTIK") return attributes.filter((a) => !isWispr(a.name));
  const standard = attributes.filter((a) => !isWispr(a.name) && !isMikrotik(a.name) && a.name !== "Cisco-AVPair");
  const speeds = speedsOf(attributes);
  if (!speeds) return [...standard, ...attributes.filter((a) => vendor === "CISCO" && a.name === "Cisco-AVPair")];
  if (vendor === "CISCO")
    return [
      ...standard,
      { name: "Cisco-AVPair", value: `ip:sub-qos-policy-in=add-class(sub,(class-default),police(${speeds.upBps}))` },
      { name: "Cisco-AVPair", value: `ip:sub-qos-policy-out=add-class(sub,(class-default),police(${speeds.downBps}))` },
    ];
  return [
    ...standard,
    { name: "WISPr-Bandwidth-Max-Up", value: speeds.upBps },
    { name: "WISPr-Bandwidth-Max-Down", value: speeds.downBps },
  ];
}
