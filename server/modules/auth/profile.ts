import type { z } from "zod";
import { NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { updateProfileSchema } from "./schema";

// One's own profile on the account page: the name colleagues and customers see on tickets and in
// the audit log. Beside the password and two-factor settings of the same account (this module);
// managing other people's accounts is the users module's.

const PROFILE_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  totpEnabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export async function updateProfile(scope: Scope, userId: string, input: z.input<typeof updateProfileSchema>) {
  const data = updateProfileSchema.parse(input);
  const before = await scope.tx.user.findUnique({ where: { id: userId }, select: { name: true } });
  if (!before) throw new NotFound("User");
  const after = await scope.tx.user.update({
    where: { id: userId },
    data: { name: data.name },
    select: PROFILE_FIELDS,
  });
  await audit.record(scope, {
    action: "user.profile_update",
    entityType: "User",
    entityId: userId,
    before: { name: before.name },
    after: { name: after.name },
  });
  return after;
}
