import { ERASED, mentions, redactText } from "../../lib/redact";
import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// The lead the customer was converted from keeps its stage, source and dates (conversion rates
// still count it); who they were goes, and the activity log loses their personal values.

export async function eraseConvertedLead(
  scope: Scope,
  e: { customerId: string; values: readonly string[] },
): Promise<{ leadId: string | null }> {
  const lead = await scope.tx.lead.findUnique({ where: { customerId: e.customerId }, select: { id: true } });
  if (!lead) return { leadId: null };
  await scope.tx.lead.update({
    where: { id: lead.id },
    data: {
      name: ERASED,
      businessName: null,
      email: null,
      phone: null,
      address: null,
      latitude: null,
      longitude: null,
    },
  });
  const activities = await scope.tx.leadActivity.findMany({
    where: { leadId: lead.id },
    select: { id: true, body: true },
  });
  for (const a of activities)
    if (mentions(a.body, e.values))
      await scope.tx.leadActivity.update({ where: { id: a.id }, data: { body: redactText(a.body, e.values) } });
  return { leadId: lead.id };
}
