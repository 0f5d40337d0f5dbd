import type { SmsProvider } from "../../db/generated/prisma/enums";
import type { Tx } from "../../db/tenant";
import { seal, unseal } from "../../lib/crypto";
import { Invalid } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { saveSmsSettingsSchema, SMS_OFF_MESSAGE, type SaveSmsSettingsInput } from "./schema";
import type { SmsAccount } from "./providers/types";

// Settings → SMS: the company's own provider account. The API key or auth token is sealed at
// rest and never leaves the server again: the console is told only whether one is set. Without
// settings SMS is switched off for the company, and every attempt to send says what to set.

export async function getSettings(scope: Scope) {
  const row = await scope.tx.smsSettings.findUnique({ where: { companyId: scope.companyId } });
  if (!row)
    return {
      enabled: false as const,
      offMessage: SMS_OFF_MESSAGE,
      provider: null,
      account: "",
      senderId: "",
      secretSet: false,
    };
  return {
    enabled: true as const,
    offMessage: null,
    provider: row.provider,
    account: row.account,
    senderId: row.senderId,
    secretSet: row.secretSealed !== "",
    updatedAt: row.updatedAt,
  };
}

export async function saveSettings(scope: Scope, input: SaveSmsSettingsInput) {
  const data = saveSmsSettingsSchema.parse(input);
  const before = await scope.tx.smsSettings.findUnique({ where: { companyId: scope.companyId } });
  // Changing provider or account makes the old key meaningless: a new one must come with it.
  const sameAccount = before && before.provider === data.provider && before.account === data.account;
  if (!data.secret && !sameAccount) {
    throw new Invalid("Enter the API key or auth token for this account.", {
      secret: "Enter the API key or auth token for this account.",
    });
  }
  const secretSealed = data.secret ? seal(data.secret) : before!.secretSealed;
  const fields = { provider: data.provider, account: data.account, senderId: data.senderId, secretSealed };
  await scope.tx.smsSettings.upsert({
    where: { companyId: scope.companyId },
    create: { companyId: scope.companyId, ...fields },
    update: fields,
  });
  await audit.record(scope, {
    action: "sms.settings_update",
    entityType: "SmsSettings",
    entityId: scope.companyId,
    before: before ? { provider: before.provider, account: before.account, senderId: before.senderId } : null,
    // Whether the credential changed, never the credential.
    after: { provider: data.provider, account: data.account, senderId: data.senderId, newApiKey: !!data.secret },
  });
  return getSettings(scope);
}

/** Switches SMS off for the company: the account and its key are forgotten; the log stays. */
export async function switchOff(scope: Scope) {
  const before = await scope.tx.smsSettings.findUnique({ where: { companyId: scope.companyId } });
  if (before) {
    await scope.tx.smsSettings.delete({ where: { companyId: scope.companyId } });
    await audit.record(scope, {
      action: "sms.switch_off",
      entityType: "SmsSettings",
      entityId: scope.companyId,
      before: { provider: before.provider, account: before.account, senderId: before.senderId },
    });
  }
  return getSettings(scope);
}

/** The provider in use, or null when SMS is off (no key is unsealed for this). */
export async function providerOf(tx: Tx, companyId: string): Promise<SmsProvider | null> {
  return (await tx.smsSettings.findUnique({ where: { companyId }, select: { provider: true } }))?.provider ?? null;
}

export type ReadyAccount = { provider: SmsProvider; credentials: SmsAccount } | { error: string };

/** The account with its key unsealed, for the one call that sends; an error in words when it cannot be used. */
export async function accountFor(tx: Tx, companyId: string): Promise<ReadyAccount> {
  const row = await tx.smsSettings.findUnique({ where: { companyId } });
  if (!row) return { error: SMS_OFF_MESSAGE };
  try {
    return {
      provider: row.provider,
      credentials: { account: row.account, secret: unseal(row.secretSealed), senderId: row.senderId },
    };
  } catch {
    return {
      error: "The stored API key cannot be opened (APP_ENCRYPTION_KEY has changed?): enter it again in Settings → SMS.",
    };
  }
}
