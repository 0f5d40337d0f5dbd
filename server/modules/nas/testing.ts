import { createHash, createHmac } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";

// A NAS's Dynamic Authorization port, for tests (and the end-to-end server): it checks every
// packet the way a router does, with its own RADIUS code written from RFC 2865/5176 rather than
// the `radius` package, so a packet the package got wrong is refused here. A packet whose Request
// Authenticator or Message-Authenticator is wrong is dropped unanswered (as a NAS does), and kept
// in `refused` so a test can say why nothing came back.

export const CODE = {
  DISCONNECT_REQUEST: 40,
  DISCONNECT_ACK: 41,
  DISCONNECT_NAK: 42,
  COA_REQUEST: 43,
  COA_ACK: 44,
  COA_NAK: 45,
};
const ATTRIBUTE_NAMES: Record<number, string> = {
  1: "User-Name",
  4: "NAS-IP-Address",
  8: "Framed-IP-Address",
  27: "Session-Timeout",
  44: "Acct-Session-Id",
  80: "Message-Authenticator",
  101: "Error-Cause",
};
const ADDRESS_ATTRIBUTES = new Set([4, 8]);
const INTEGER_ATTRIBUTES = new Set([27, 101]);
/** Vendor-Specific attributes by vendor and number: name, and whether the value is a 32-bit integer. */
const VENDOR_NAMES: Record<number, Record<number, [string, boolean]>> = {
  14988: { 8: ["Mikrotik-Rate-Limit", false], 19: ["Mikrotik-Address-List", false] },
  14122: { 7: ["WISPr-Bandwidth-Max-Up", true], 8: ["WISPr-Bandwidth-Max-Down", true] },
  9: { 1: ["Cisco-AVPair", false] },
};

export interface ReceivedPacket {
  code: number;
  identifier: number;
  /** Attributes by name (vendors' too: MikroTik, WISPr, Cisco), Message-Authenticator left out; the last of a repeated one. */
  attributes: Record<string, string | number>;
  /** Every attribute in order, repeated ones (Cisco-AVPair) included. */
  all: [string, string | number][];
  hasMessageAuthenticator: boolean;
}

export type Answer = { kind: "ACK" } | { kind: "NAK"; errorCause?: number } | { kind: "SILENT" };

export interface CoaResponder {
  host: string;
  port: number;
  /** Valid packets, in the order they came. */
  received: ReceivedPacket[];
  /** Packets dropped, with the reason. */
  refused: string[];
  /** How the next packets are answered (ACK by default). */
  answerWith(answer: Answer | ((p: ReceivedPacket) => Answer)): void;
  close(): Promise<void>;
}

const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();

function parseAttributes(body: Buffer): {
  attributes: Record<string, string | number>;
  all: [string, string | number][];
  ma: { offset: number } | null;
} {
  const attributes: Record<string, string | number> = {};
  const all: [string, string | number][] = [];
  const add = (name: string, value: string | number) => {
    attributes[name] = value;
    all.push([name, value]);
  };
  let ma: { offset: number } | null = null;
  for (let i = 0; i < body.length;) {
    const type = body[i]!;
    const len = body[i + 1]!;
    if (len < 2 || i + len > body.length) throw new Error("Malformed attribute");
    const value = body.subarray(i + 2, i + len);
    if (type === 80) {
      if (len !== 18) throw new Error("Message-Authenticator must be 16 octets");
      ma = { offset: i + 2 };
    } else if (type === 26) {
      const vendor = value.readUInt32BE(0);
      const vType = value[4]!;
      const vValue = value.subarray(6, 6 + value[5]! - 2);
      const [name, integer] = VENDOR_NAMES[vendor]?.[vType] ?? [`Vendor-${vendor}-${vType}`, false];
      if (integer && vValue.length !== 4) throw new Error(`${name} must be 4 octets`);
      add(name, integer ? vValue.readUInt32BE(0) : vValue.toString("utf8"));
    } else {
      const name = ATTRIBUTE_NAMES[type] ?? `Attr-${type}`;
      add(
        name,
        ADDRESS_ATTRIBUTES.has(type)
          ? [...value].join(".")
          : INTEGER_ATTRIBUTES.has(type)
            ? value.readUInt32BE(0)
            : value.toString("utf8"),
      );
    }
    i += len;
  }
  return { attributes, all, ma };
}

/** Checks a Disconnect/CoA-Request as a NAS does; returns why it is refused, or the packet. */
export function checkRequest(packet: Buffer, secret: string): ReceivedPacket | string {
  if (packet.length < 20 || packet.readUInt16BE(2) !== packet.length) return "bad length";
  const code = packet[0]!;
  if (code !== CODE.DISCONNECT_REQUEST && code !== CODE.COA_REQUEST) return `unexpected code ${code}`;
  const { attributes, all, ma } = parseAttributes(packet.subarray(20));
  // RFC 5176 §2.3 / RFC 2866 §3: MD5(Code+Identifier+Length+16 zero octets+Attributes+Secret).
  const zeroed = Buffer.from(packet);
  zeroed.fill(0, 4, 20);
  if (!md5(zeroed, Buffer.from(secret)).equals(packet.subarray(4, 20))) return "bad Request Authenticator";
  if (ma) {
    // RFC 3579 §3.2 as RFC 5176 §3.3 applies it: HMAC-MD5 over the packet with the authenticator
    // field and the Message-Authenticator's value both zeroed.
    const given = packet.subarray(20 + ma.offset, 20 + ma.offset + 16);
    const copy = Buffer.from(zeroed);
    copy.fill(0, 20 + ma.offset, 20 + ma.offset + 16);
    if (!createHmac("md5", secret).update(copy).digest().equals(given)) return "bad Message-Authenticator";
  }
  return { code, identifier: packet[1]!, attributes, all, hasMessageAuthenticator: !!ma };
}

/** An ACK or NAK to `request`, with the Response Authenticator of RFC 2865 §3. */
export function answerTo(request: Buffer, answer: Exclude<Answer, { kind: "SILENT" }>, secret: string): Buffer {
  const isDisconnect = request[0] === CODE.DISCONNECT_REQUEST;
  const code =
    answer.kind === "ACK"
      ? isDisconnect
        ? CODE.DISCONNECT_ACK
        : CODE.COA_ACK
      : isDisconnect
        ? CODE.DISCONNECT_NAK
        : CODE.COA_NAK;
  const attrs =
    answer.kind === "NAK" && answer.errorCause
      ? Buffer.from([101, 6, ...[24, 16, 8, 0].map((s) => (answer.errorCause! >>> s) & 0xff)])
      : Buffer.alloc(0);
  const header = Buffer.from([code, request[1]!, 0, 0]);
  header.writeUInt16BE(20 + attrs.length, 2);
  const authenticator = md5(header, request.subarray(4, 20), attrs, Buffer.from(secret));
  return Buffer.concat([header, authenticator, attrs]);
}

export async function startCoaResponder(secret: string, host = "127.0.0.1"): Promise<CoaResponder> {
  const socket: Socket = createSocket("udp4");
  const received: ReceivedPacket[] = [];
  const refused: string[] = [];
  let answer: Answer | ((p: ReceivedPacket) => Answer) = { kind: "ACK" };
  socket.on("message", (msg, from) => {
    let checked: ReceivedPacket | string;
    try {
      checked = checkRequest(msg, secret);
    } catch (err) {
      checked = (err as Error).message;
    }
    if (typeof checked === "string") {
      refused.push(checked);
      return;
    }
    received.push(checked);
    const a = typeof answer === "function" ? answer(checked) : answer;
    if (a.kind !== "SILENT") socket.send(answerTo(msg, a, secret), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  return {
    host,
    port: (socket.address() as AddressInfo).port,
    received,
    refused,
    answerWith: (a) => void (answer = a),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
