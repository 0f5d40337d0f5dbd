import { mentions, redactText } from "../../lib/redact";
import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows):
// the customer's own bell is emptied, and staff notifications lose the customer's personal values.

export async function eraseMentions(
  scope: Scope,
  e: { userId: string | null; values: readonly string[] },
): Promise<void> {
  if (e.userId) await scope.tx.notification.deleteMany({ where: { userId: e.userId } });
  if (!e.values.length) return;
  const rows = await scope.tx.notification.findMany({
    where: {
      OR: e.values.flatMap((v) => [
        { title: { contains: v, mode: "insensitive" as const } },
        { body: { contains: v, mode: "insensitive" as const } },
      ]),
    },
    select: { id: true, title: true, body: true },
  });
  for (const n of rows)
    if (mentions(n.title, e.values) || mentions(n.body, e.values))
      await scope.tx.notification.update({
        where: { id: n.id },
        data: { title: redactText(n.title, e.values), body: redactText(n.body, e.values) },
      });
}
