import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../../lib/env";
import type { Scope } from "../scope";

// The copy of each PPPoE password that FreeRADIUS's SQL answers hand out (radius/answers.ts has
// the whole design). It belongs to the subscription and is written with every password it gets.
//
// PAP, CHAP and MS-CHAPv2 need the password itself, so the database must be able to hand it out;
// it must not be readable from a copy of the database, as the sealed copy on the subscription
// (AES-256-GCM under APP_ENCRYPTION_KEY, which the database never sees) is not. So:
// - each company has an answer key, derived from APP_ENCRYPTION_KEY (HKDF, its own label and the
//   company id), never stored in clear;
// - RadiusPassword holds each PPPoE password AES-256-CBC-encrypted under it (pgcrypto, which the
//   database function decrypts with, has CBC, not GCM);
// - a RADIUS server key's answerKey column holds the answer key encrypted under SHA-256 of a label
//   and the server key's secret (wrapAnswerKey), which the database cannot compute from the
//   secret's stored hash; the function derives it from the secret the caller presents.

const LABEL = "lastmile radius answers v1";

const answerKeys = new Map<string, { secret: string; key: Buffer }>();

/** The company's answer key (32 bytes). */
export function answerKeyOf(companyId: string): Buffer {
  const secret = env().APP_ENCRYPTION_KEY;
  const hit = answerKeys.get(companyId);
  if (hit?.secret === secret) return hit.key;
  const key = Buffer.from(hkdfSync("sha256", secret, companyId, LABEL, 32));
  answerKeys.set(companyId, { secret, key });
  if (answerKeys.size > 1_000) answerKeys.delete(answerKeys.keys().next().value!);
  return key;
}

/** The 16-byte IV followed by the AES-256-CBC (PKCS#7) ciphertext: what pgcrypto's decrypt_iv takes apart. */
function encrypt(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
}

function decrypt(key: Buffer, sealed: Uint8Array): Buffer {
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-cbc", key, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
}

/** The key that opens the answer key, from a RADIUS server key's secret (the function computes the same). */
const wrappingKey = (secret: string) => createHash("sha256").update(`${LABEL}:${secret}`, "utf8").digest();

/** A PPPoE password as RadiusPassword keeps it. */
export function passwordCipher(companyId: string, password: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encrypt(answerKeyOf(companyId), Buffer.from(password, "utf8")));
}

/** The password back from RadiusPassword (tests; the database opens it itself). */
export function openPassword(companyId: string, cipher: Uint8Array): string {
  return decrypt(answerKeyOf(companyId), cipher).toString("utf8");
}

/** The company's answer key, encrypted so that only a RADIUS server key's secret opens it. */
export function wrapAnswerKey(companyId: string, secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encrypt(wrappingKey(secret), answerKeyOf(companyId)));
}

/**
 * Keeps RadiusPassword in step with the subscription's PPPoE password: called in the same
 * transaction as every write of Subscription.pppoePassword (null: the subscription has none).
 */
export async function storePassword(scope: Scope, subscriptionId: string, password: string | null): Promise<void> {
  if (password === null) {
    await scope.tx.radiusPassword.deleteMany({ where: { subscriptionId } });
    return;
  }
  const cipher = passwordCipher(scope.companyId, password);
  await scope.tx.radiusPassword.upsert({
    where: { subscriptionId },
    create: { subscriptionId, companyId: scope.companyId, cipher },
    update: { cipher },
  });
}
