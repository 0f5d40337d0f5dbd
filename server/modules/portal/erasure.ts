import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows):
// the e-mail confirmation links of their portal sign-in go.

export async function forgetVerifications(scope: Scope, userId: string): Promise<void> {
  await scope.tx.emailVerification.deleteMany({ where: { userId } });
}
