import { createHash, createHmac, randomInt } from "node:crypto";
import { createSocket } from "node:dgram";
import { isIPv6 } from "node:net";
import * as radiusModule from "radius";
import type { CoaKind } from "../../db/generated/prisma/enums";

/** The package is CommonJS (module.exports = Radius): a namespace import sees it as `default` or as itself. */
const radius = (radiusModule as unknown as { default?: typeof radiusModule }).default ?? radiusModule;

// The one door to a NAS's RFC 5176 Dynamic Authorization port: encode a Disconnect-Request or
// CoA-Request with the `radius` package, sign it, send it over UDP, and wait for the matching
// answer. Answers whose identifier or Response Authenticator does not match are ignored (a stray
// or forged packet), so a NAS with another secret reads as one that never answers.
//
// The signing is ours, not the package's: `radius` 1.1.4 computes a request's Message-Authenticator
// after its Request Authenticator, over the real one, so the authenticator no longer covers the
// packet sent and a NAS drops it. RFC 5176 §3.3 (and FreeRADIUS's rad_sign) want the
// Message-Authenticator over the packet with a zero authenticator, then the Request
// Authenticator over the whole packet: MD5(Code+Identifier+Length+16 zero octets+Attributes+Secret).
// Likewise its verify_response() refuses an ACK without a Message-Authenticator, which NAS often
// leave out (it is optional in answers): answers are checked here.

export interface CoaPacket {
  kind: CoaKind;
  host: string;
  port: number;
  secret: string;
  /** Attribute name → value, in order; vendors' (Mikrotik-*, WISPr-*, Cisco-AVPair) go in their Vendor-Specific. */
  attributes: [string, string | number][];
  timeoutMs: number;
}

export type CoaAnswer =
  | { result: "ACK" }
  | { result: "NAK"; errorCause: number | null; error: string }
  | { result: "TIMEOUT"; error: string };

const CODES: Record<CoaKind, { request: string; ack: string; nak: string }> = {
  DISCONNECT: { request: "Disconnect-Request", ack: "Disconnect-ACK", nak: "Disconnect-NAK" },
  COA: { request: "CoA-Request", ack: "CoA-ACK", nak: "CoA-NAK" },
};

/**
 * Vendor-Specific attributes by their dictionary name: vendor id, attribute number and how the
 * value is written. The `radius` package has no vendor dictionaries, so these go by number (an
 * unknown name given to it by name makes encode() throw).
 */
const VENDOR_ATTRIBUTES: Record<string, { vendor: number; type: number; value: "text" | "integer" }> = {
  // MikroTik (its RADIUS dictionary).
  "Mikrotik-Recv-Limit": { vendor: 14988, type: 1, value: "integer" },
  "Mikrotik-Xmit-Limit": { vendor: 14988, type: 2, value: "integer" },
  "Mikrotik-Group": { vendor: 14988, type: 3, value: "text" },
  "Mikrotik-Rate-Limit": { vendor: 14988, type: 8, value: "text" },
  "Mikrotik-Total-Limit": { vendor: 14988, type: 17, value: "integer" },
  "Mikrotik-Address-List": { vendor: 14988, type: 19, value: "text" },
  // WISPr (Wi-Fi Alliance, vendor 14122): bandwidth maxima in bit/s.
  "WISPr-Bandwidth-Max-Up": { vendor: 14122, type: 7, value: "integer" },
  "WISPr-Bandwidth-Max-Down": { vendor: 14122, type: 8, value: "integer" },
  // Cisco (vendor 9): the AV pair, "protocol:attribute=value".
  "Cisco-AVPair": { vendor: 9, type: 1, value: "text" },
};

/** Whether the CoA sender can encode an attribute of that name (standard ones: the package's dictionary). */
export function isVendorAttribute(name: string): boolean {
  return name in VENDOR_ATTRIBUTES;
}

/** RFC 5176 §3.5 Error-Cause values, in words staff can act on. */
export const ERROR_CAUSES: Record<number, string> = {
  201: "Residual session context removed",
  202: "Invalid EAP packet (ignored)",
  401: "Unsupported attribute",
  402: "Missing attribute",
  403: "NAS identification mismatch",
  404: "Invalid request",
  405: "Unsupported service",
  406: "Unsupported extension",
  407: "Invalid attribute value",
  501: "Administratively prohibited",
  502: "Request not routable (proxy)",
  503: "Session context not found: the subscriber is no longer online on this NAS",
  504: "Session context not removable",
  505: "Other proxy processing error",
  506: "Resources unavailable",
  507: "Request initiated",
  508: "Multiple session selection unsupported",
};

type Encodable = [string | number, unknown] | [string, number, [number, Buffer][]];

function encodable(attributes: CoaPacket["attributes"]): Encodable[] {
  const out: Encodable[] = [];
  for (const [name, value] of attributes) {
    const vsa = VENDOR_ATTRIBUTES[name];
    if (vsa) {
      let bytes: Buffer;
      if (vsa.value === "integer") {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`${name} must be a 32-bit whole number`);
        bytes = Buffer.alloc(4);
        bytes.writeUInt32BE(n);
      } else bytes = Buffer.from(String(value), "utf8");
      out.push(["Vendor-Specific", vsa.vendor, [[vsa.type, bytes]]]);
    } else if (/^(Mikrotik|WISPr|Cisco)-/.test(name)) throw new Error(`Unknown vendor attribute ${name}`);
    else out.push([name, value]);
  }
  return out;
}

const MESSAGE_AUTHENTICATOR = 80;
const ERROR_CAUSE = 101;
const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();
const hmacMd5 = (secret: string, packet: Buffer) => createHmac("md5", secret).update(packet).digest();

/** The request as sent: attributes, a Message-Authenticator last, both authenticators signed. */
export function encodeRequest(p: Omit<CoaPacket, "host" | "port" | "timeoutMs">, identifier: number): Buffer {
  const packet = radius.encode({
    code: CODES[p.kind].request,
    identifier,
    secret: p.secret,
    attributes: [...encodable(p.attributes), ["Message-Authenticator", Buffer.alloc(16)]],
    add_message_authenticator: false,
  });
  packet.fill(0, 4, 20);
  hmacMd5(p.secret, packet).copy(packet, packet.length - 16);
  md5(packet, Buffer.from(p.secret, "utf8")).copy(packet, 4);
  return packet;
}

/** Each attribute's type and where its value starts, for the few we look at in answers. */
function attributeOffsets(packet: Buffer): { type: number; at: number; length: number }[] {
  const out = [];
  for (let i = 20; i + 2 <= packet.length;) {
    const length = packet[i + 1]!;
    if (length < 2 || i + length > packet.length) break;
    out.push({ type: packet[i]!, at: i + 2, length: length - 2 });
    i += length;
  }
  return out;
}

/**
 * An answer is the NAS's when its Response Authenticator is MD5(Code+Identifier+Length+Request
 * Authenticator+Attributes+Secret); a Message-Authenticator, when present, must check too (over
 * the request's authenticator as RFC 5176 says, or zeros as FreeRADIUS writes it).
 */
export function verifyAnswer(request: Buffer, answer: Buffer, secret: string): boolean {
  if (answer.length < 20 || answer.readUInt16BE(2) !== answer.length || answer[1] !== request[1]) return false;
  const withRequest = Buffer.from(answer);
  request.copy(withRequest, 4, 4, 20);
  if (!md5(withRequest, Buffer.from(secret, "utf8")).equals(answer.subarray(4, 20))) return false;
  const ma = attributeOffsets(answer).find((a) => a.type === MESSAGE_AUTHENTICATOR && a.length === 16);
  if (!ma) return true;
  const given = answer.subarray(ma.at, ma.at + 16);
  return [request.subarray(4, 20), Buffer.alloc(16)].some((vector) => {
    const copy = Buffer.from(answer);
    vector.copy(copy, 4);
    copy.fill(0, ma.at, ma.at + 16);
    return hmacMd5(secret, copy).equals(given);
  });
}

export function sendCoa(p: CoaPacket): Promise<CoaAnswer> {
  const identifier = randomInt(256);
  const packet = encodeRequest(p, identifier);
  const socket = createSocket(isIPv6(p.host) ? "udp6" : "udp4");
  return new Promise<CoaAnswer>((resolve) => {
    let settled = false;
    const finish = (answer: CoaAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(
      () => finish({ result: "TIMEOUT", error: `No answer from ${p.host}:${p.port} within ${p.timeoutMs} ms.` }),
      p.timeoutMs,
    );
    socket.on("error", (err) =>
      finish({ result: "TIMEOUT", error: `Could not reach ${p.host}:${p.port}: ${err.message}` }),
    );
    socket.on("message", (msg) => {
      if (!verifyAnswer(packet, msg, p.secret)) return; // Not the NAS's answer to this packet: keep waiting.
      let code: string;
      try {
        code = radius.decode({ packet: msg, secret: p.secret }).code;
      } catch {
        return;
      }
      if (code === CODES[p.kind].ack) finish({ result: "ACK" });
      else if (code === CODES[p.kind].nak) {
        const cause = attributeOffsets(msg).find((a) => a.type === ERROR_CAUSE && a.length === 4);
        const errorCause = cause ? msg.readUInt32BE(cause.at) : null;
        finish({
          result: "NAK",
          errorCause,
          error: errorCause
            ? `${ERROR_CAUSES[errorCause] ?? "Refused"} (Error-Cause ${errorCause}).`
            : "The NAS refused the request without saying why.",
        });
      }
    });
    socket.send(packet, p.port, p.host, (err) => {
      if (err) finish({ result: "TIMEOUT", error: `Could not send to ${p.host}:${p.port}: ${err.message}` });
    });
  });
}
