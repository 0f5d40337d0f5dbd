import { createElement } from "react";
import { VerifyEmail } from "../../../emails/verify-email";
import { withTenant } from "../../db/tenant";
import { randomToken, sha256 } from "../../lib/crypto";
import { Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import * as audit from "../audit/service";
import type { Actor, Scope } from "../scope";
import * as users from "../users/service";

// Customers who sign themselves up prove their e-mail before they can sign in. The link is
// single-use, expires after 48 hours, and a new one retires the old ones.

const TTL_MS = 48 * 3_600_000;

export async function sendLink(
  scope: Scope,
  company: { slug: string; name: string },
  user: { id: string; email: string; name: string },
) {
  await scope.tx.emailVerification.updateMany({
    where: { userId: user.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  const token = randomToken();
  await scope.tx.emailVerification.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      userId: user.id,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + TTL_MS),
    },
  });
  await sendMail(scope, {
    to: user.email,
    subject: `Confirm your e-mail for ${company.name}`,
    body: createElement(VerifyEmail, {
      companyName: company.name,
      name: user.name,
      url: companyUrl(company.slug, `/verify-email/${token}`),
    }),
    secrets: [token],
  });
}

/** Follows the e-mailed link: the account can sign in from now on. */
export async function verify(companyId: string, token: string, actor: Omit<Actor, "type">) {
  return withTenant(companyId, async (tx) => {
    const row = await tx.emailVerification.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!row || row.usedAt || row.expiresAt < new Date())
      throw new Invalid("This confirmation link is invalid or has expired. Sign in to get a new one.");
    await tx.emailVerification.update({ where: { id: row.id }, data: { usedAt: new Date() } });
    const scope: Scope = { tx, companyId, actor: { ...actor, type: "USER", id: row.userId, label: row.user.email } };
    await users.markEmailVerified(scope, row.userId);
    await audit.record(scope, { action: "user.email_verify", entityType: "User", entityId: row.userId });
    return { email: row.user.email };
  });
}

/** A new link for an account still waiting for confirmation; answers the same for anyone else. */
export async function resend(
  company: { id: string; slug: string; name: string },
  email: string,
  actor: Omit<Actor, "type">,
) {
  await withTenant(company.id, async (tx) => {
    const user = await tx.user.findUnique({
      where: { companyId_email: { companyId: company.id, email: email.trim().toLowerCase() } },
    });
    if (!user || !user.emailUnverified) return;
    const recent = await tx.emailVerification.count({
      where: { userId: user.id, createdAt: { gt: new Date(Date.now() - 3_600_000) } },
    });
    if (recent >= 3) return;
    await sendLink(
      { tx, companyId: company.id, actor: { ...actor, type: "USER", id: user.id, label: user.email } },
      company,
      user,
    );
  });
}
