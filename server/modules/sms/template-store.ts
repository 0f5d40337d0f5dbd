import type { SmsTemplateKey } from "../../db/generated/prisma/enums";
import type { Tx } from "../../db/tenant";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { saveTemplateSchema, templateKeySchema, type SaveTemplateInput } from "./schema";
import { PLACEHOLDER_LABELS, SMS_TEMPLATE_KEYS, SMS_TEMPLATES } from "./templates";

// The company's wording of each SMS. A template the company never edited has no row and uses
// the built-in text, so improving a default reaches every company that kept it.

export async function listTemplates(scope: Scope) {
  const rows = await scope.tx.smsTemplate.findMany();
  return SMS_TEMPLATE_KEYS.map((key) => {
    const spec = SMS_TEMPLATES[key];
    const own = rows.find((r) => r.key === key);
    return {
      key,
      label: spec.label,
      when: spec.when,
      placeholders: spec.placeholders.map((name) => ({ name, label: PLACEHOLDER_LABELS[name] })),
      body: own?.body ?? spec.defaultBody,
      defaultBody: spec.defaultBody,
      edited: !!own,
      updatedAt: own?.updatedAt ?? null,
    };
  });
}

export async function saveTemplate(scope: Scope, input: SaveTemplateInput) {
  const { key, body } = saveTemplateSchema.parse(input);
  const text = body.trim();
  const before = await scope.tx.smsTemplate.findUnique({
    where: { companyId_key: { companyId: scope.companyId, key } },
  });
  await scope.tx.smsTemplate.upsert({
    where: { companyId_key: { companyId: scope.companyId, key } },
    create: { id: newId(), companyId: scope.companyId, key, body: text },
    update: { body: text },
  });
  await audit.record(scope, {
    action: "sms.template_update",
    entityType: "SmsTemplate",
    entityId: key,
    before: { body: before?.body ?? SMS_TEMPLATES[key].defaultBody },
    after: { body: text },
  });
  return (await listTemplates(scope)).find((t) => t.key === key)!;
}

/** Back to the built-in text. */
export async function resetTemplate(scope: Scope, input: { key: SmsTemplateKey }) {
  const { key } = templateKeySchema.parse(input);
  const before = await scope.tx.smsTemplate.findUnique({
    where: { companyId_key: { companyId: scope.companyId, key } },
  });
  if (before) {
    await scope.tx.smsTemplate.delete({ where: { id: before.id } });
    await audit.record(scope, {
      action: "sms.template_reset",
      entityType: "SmsTemplate",
      entityId: key,
      before: { body: before.body },
      after: { body: SMS_TEMPLATES[key].defaultBody },
    });
  }
  return (await listTemplates(scope)).find((t) => t.key === key)!;
}

/** The text the company sends for a template right now. */
export async function templateBody(tx: Tx, companyId: string, key: SmsTemplateKey): Promise<string> {
  const own = await tx.smsTemplate.findUnique({ where: { companyId_key: { companyId, key } } });
  return own?.body ?? SMS_TEMPLATES[key].defaultBody;
}
