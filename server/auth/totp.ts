import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

// RFC 6238 TOTP (30 s, 6 digits, SHA-1: what every authenticator app expects).
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string, issuer: string) {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function totpUri(secret: string, label: string, issuer: string): string {
  return totp(secret, label, issuer).toString();
}

export const totpQrDataUrl = (uri: string): Promise<string> => QRCode.toDataURL(uri, { margin: 1, width: 220 });

const PERIOD_SECONDS = 30;

/**
 * Accepts the current code and one step either side (clock drift), but only for a time step
 * later than `lastStep`, so an observed code cannot be replayed. Returns the step it matched.
 */
export function verifyTotp(secret: string, code: string, lastStep?: number | null, now = Date.now()): number | null {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(secret, "x", "x").validate({ token: clean, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  return lastStep != null && step <= lastStep ? null : step;
}

/** The code an authenticator app shows at `at` (default now). */
export function currentTotp(secret: string, at = Date.now()): string {
  return totp(secret, "x", "x").generate({ timestamp: at });
}

/** Ten single-use recovery codes like `7fk2-9qzd`. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: count }, () => {
    const chars = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

export const normaliseRecoveryCode = (code: string): string =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
