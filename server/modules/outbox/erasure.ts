import { ERASED, mentions, redactText } from "../../lib/redact";
import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// The outbox keeps that a message was sent and when; a message to the customer loses its
// address and content, and any other message (staff notifications) loses their personal values.

export async function eraseRecipient(
  scope: Scope,
  e: { emails: readonly string[]; values: readonly string[] },
): Promise<void> {
  const emails = e.emails.map((x) => x.toLowerCase());
  if (emails.length)
    await scope.tx.outboundEmail.updateMany({
      where: { to: { in: emails, mode: "insensitive" } },
      data: { to: ERASED, html: ERASED, text: ERASED },
    });
  const mentioning = await scope.tx.outboundEmail.findMany({
    where: {
      OR: e.values.flatMap((v) => [
        { subject: { contains: v, mode: "insensitive" as const } },
        { text: { contains: v, mode: "insensitive" as const } },
        { html: { contains: v, mode: "insensitive" as const } },
      ]),
    },
    select: { id: true, to: true, subject: true, html: true, text: true },
  });
  for (const m of mentioning) {
    if (![m.subject, m.html, m.text].some((t) => mentions(t, e.values))) continue;
    await scope.tx.outboundEmail.update({
      where: { id: m.id },
      data: {
        subject: redactText(m.subject, e.values),
        html: redactText(m.html, e.values),
        text: redactText(m.text, e.values),
      },
    });
  }
}
