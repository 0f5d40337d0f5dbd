import { createElement } from "react";
import type { z } from "zod";
import { InvitationEmail } from "../../../emails/invitation";
import type { Prisma, Role } from "../../db/generated/prisma/client";
import { ROLE_LABELS } from "../../auth/permissions";
import { hashPassword } from "../../auth/password";
import { withTenant } from "../../db/tenant";
import { randomToken, sha256 } from "../../lib/crypto";
import { Conflict, Forbidden, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as sessions from "../auth/sessions";
import type { Actor, Scope } from "../scope";
import { acceptInvitationSchema, changeRoleSchema, inviteSchema, listUsersSchema, setStatusSchema } from "./schema";

const INVITE_TTL_MS = 7 * 86_400_000;
const PUBLIC_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  totpEnabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export async function list(scope: Scope, input: z.input<typeof listUsersSchema>) {
  const f = listUsersSchema.parse(input);
  const where: Prisma.UserWhereInput = {
    role: f.role,
    OR: f.search
      ? [{ name: { contains: f.search, mode: "insensitive" } }, { email: { contains: f.search, mode: "insensitive" } }]
      : undefined,
  };
  return listPage(f, {
    count: () => scope.tx.user.count({ where }),
    rows: (window) =>
      scope.tx.user.findMany({
        where,
        select: PUBLIC_FIELDS,
        orderBy: { [f.sort]: f.direction },
        ...window,
      }),
  });
}

export async function get(scope: Scope, userId: string) {
  const user = await scope.tx.user.findUnique({ where: { id: userId }, select: PUBLIC_FIELDS });
  if (!user) throw new NotFound("User");
  return user;
}

export async function invite(
  scope: Scope,
  company: { slug: string; name: string },
  input: z.input<typeof inviteSchema>,
) {
  const data = inviteSchema.parse(input);
  const existing = await scope.tx.user.findUnique({
    where: { companyId_email: { companyId: scope.companyId, email: data.email } },
  });
  if (existing)
    throw new Conflict("Someone with this e-mail already has an account.", { email: "Already has an account." });
  const token = randomToken();
  await scope.tx.invitation.updateMany({
    where: { email: data.email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const invitation = await scope.tx.invitation.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      email: data.email,
      name: data.name,
      role: data.role,
      tokenHash: sha256(token),
      invitedById: scope.actor.id!,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    },
  });
  const url = companyUrl(company.slug, `/invite/${token}`);
  await sendMail(scope, {
    to: data.email,
    subject: `Join ${company.name} on Lastmile`,
    body: createElement(InvitationEmail, {
      companyName: company.name,
      inviterName: scope.actor.label ?? "An administrator",
      roleLabel: ROLE_LABELS[data.role],
      url,
    }),
    secrets: [token],
  });
  await audit.record(scope, {
    action: "user.invite",
    entityType: "Invitation",
    entityId: invitation.id,
    after: { email: data.email, name: data.name, role: data.role },
  });
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
}

/** The account (staff or portal) that signs in with this e-mail, if any. */
export async function accountByEmail(scope: Scope, email: string) {
  return scope.tx.user.findUnique({
    where: { companyId_email: { companyId: scope.companyId, email: email.trim().toLowerCase() } },
    select: { id: true, role: true },
  });
}

/**
 * The newest open invitation for this e-mail with this role (a pending "Invite to portal"), or
 * with any other role when `role` is `{ not }` (a pending staff invitation), or null.
 */
export async function openInvitation(scope: Scope, email: string, role: Role | { not: Role }) {
  return scope.tx.invitation.findFirst({
    where: {
      email: email.trim().toLowerCase(),
      role,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: new Date() },
    },
    select: { id: true, role: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function listInvitations(scope: Scope) {
  return scope.tx.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, name: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation(scope: Scope, invitationId: string) {
  const inv = await scope.tx.invitation.findFirst({ where: { id: invitationId, acceptedAt: null, revokedAt: null } });
  if (!inv) throw new NotFound("Invitation");
  await scope.tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
  await audit.record(scope, {
    action: "user.invite_revoke",
    entityType: "Invitation",
    entityId: inv.id,
    before: { email: inv.email, role: inv.role },
  });
}

/**
 * An account whose password the person chose on another path (the ISP's sign-up, the portal's
 * self-registration), in the caller's transaction; the caller audits it as part of its story.
 */
export async function createAccount(
  scope: Scope,
  account: { id?: string; email: string; name: string; role: Role; passwordHash: string; emailUnverified?: boolean },
) {
  const { id = newId(), ...rest } = account;
  return scope.tx.user.create({ data: { id, companyId: scope.companyId, ...rest } });
}

/** The person followed the e-mailed confirmation link (portal self-registration). */
export async function markEmailVerified(scope: Scope, userId: string): Promise<void> {
  await scope.tx.user.update({ where: { id: userId }, data: { emailUnverified: false } });
}

/** Links a newly accepted account to the record it signs in for (a customer's portal sign-in). */
export type AccountLink = (scope: Scope, account: { id: string; email: string }) => Promise<unknown>;
const accountLinks = new Map<Role, AccountLink>();

/**
 * Some roles' accounts belong to another module's record: a CUSTOMER sign-in to the customer
 * with its e-mail. That module says here how to link an accepted invitation (the customers
 * module does, in customers/portal-access.ts), in the accepting transaction; this module does
 * not know about customers, which use it for their invitations.
 */
export function linkAcceptedAccounts(role: Role, link: AccountLink): void {
  accountLinks.set(role, link);
}

/** What the invitation page shows before the person sets a password. */
export async function peekInvitation(companyId: string, token: string) {
  return withTenant(companyId, async (tx) => {
    const inv = await tx.invitation.findUnique({ where: { tokenHash: sha256(token) } });
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt < new Date()) return null;
    return { email: inv.email, name: inv.name, role: inv.role };
  });
}

/**
 * Sets the invited person's password and makes the account. Anyone holding a link can call this,
 * so the token, its state and a clash with an existing account are checked first, and only a
 * request that would succeed pays for the password hash, outside any transaction (no pool
 * connection is held while hashing). The invitation is then spent by a conditional update, so of
 * two requests with one link only one makes an account.
 */
export async function acceptInvitation(
  companyId: string,
  input: z.input<typeof acceptInvitationSchema>,
  actor: Omit<Actor, "type">,
) {
  const data = acceptInvitationSchema.parse(input);
  const tokenHash = sha256(data.token);
  const invalid = () => new Invalid("This invitation is invalid or has expired. Ask your administrator for a new one.");
  const open = (now: Date) => ({ tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });
  await withTenant(companyId, async (tx) => {
    const inv = await tx.invitation.findFirst({ where: open(new Date()), select: { email: true } });
    if (!inv) throw invalid();
    const taken = await tx.user.findUnique({
      where: { companyId_email: { companyId, email: inv.email } },
      select: { id: true },
    });
    if (taken) throw accountExists();
  });
  const passwordHash = await hashPassword(data.password);
  return onUnique(async () => {
    return await withTenant(companyId, async (tx) => {
      const spent = await tx.invitation.updateMany({ where: open(new Date()), data: { acceptedAt: new Date() } });
      if (spent.count !== 1) throw invalid();
      const inv = await tx.invitation.findUniqueOrThrow({ where: { tokenHash } });
      const user = await tx.user.create({
        data: { id: newId(), companyId, email: inv.email, name: data.name, role: inv.role, passwordHash },
        select: PUBLIC_FIELDS,
      });
      const scope: Scope = { tx, companyId, actor: { ...actor, type: "USER", id: user.id, label: user.email } };
      await audit.record(scope, { action: "user.create", entityType: "User", entityId: user.id, after: user });
      await accountLinks.get(inv.role)?.(scope, user);
      return user;
    });
  }, accountExists);
}

const accountExists = () => new Conflict("An account with this e-mail already exists. Sign in instead.");

async function assertNotLastSuperAdmin(scope: Scope, userId: string) {
  // Lock the active Super Admins before counting them: otherwise two admins demoting each other
  // at the same moment both see "two left" and the company is left with none.
  const admins = await scope.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'SUPER_ADMIN' AND status = 'ACTIVE' ORDER BY id FOR UPDATE`;
  const target = await scope.tx.user.findUnique({ where: { id: userId } });
  if (!target) throw new NotFound("User");
  if (target.role === "SUPER_ADMIN" && target.status === "ACTIVE" && admins.length <= 1) {
    throw new Conflict("The company must keep at least one active Super Admin.");
  }
  return target;
}

export async function changeRole(scope: Scope, input: z.input<typeof changeRoleSchema>) {
  const data = changeRoleSchema.parse(input);
  if (data.userId === scope.actor.id) throw new Forbidden("You cannot change your own role.");
  const before = await assertNotLastSuperAdmin(scope, data.userId);
  // A customer's sign-in belongs to their customer record (linkAcceptedAccounts): made staff it
  // would open the console to a subscriber, and a staff account made a customer's would belong
  // to no customer.
  if (before.role === "CUSTOMER" && data.role !== "CUSTOMER")
    throw new Invalid(
      "A customer's portal sign-in cannot become a staff account. Invite the person as staff instead.",
      {
        role: "A customer's sign-in stays a customer's.",
      },
    );
  if (before.role !== "CUSTOMER" && data.role === "CUSTOMER")
    throw new Invalid(
      "A staff account cannot become a customer's portal sign-in. Give the customer portal access from their page.",
      { role: "Choose a staff role." },
    );
  const after = await scope.tx.user.update({
    where: { id: data.userId },
    data: { role: data.role },
    select: PUBLIC_FIELDS,
  });
  await audit.record(scope, {
    action: "user.role_change",
    entityType: "User",
    entityId: data.userId,
    before: { role: before.role },
    after: { role: after.role },
  });
  return after;
}

export async function setStatus(scope: Scope, input: z.input<typeof setStatusSchema>) {
  const data = setStatusSchema.parse(input);
  if (data.userId === scope.actor.id) throw new Forbidden("You cannot disable your own account.");
  const before =
    data.status === "DISABLED" ? await assertNotLastSuperAdmin(scope, data.userId) : await get(scope, data.userId);
  const after = await scope.tx.user.update({
    where: { id: data.userId },
    data: { status: data.status },
    select: PUBLIC_FIELDS,
  });
  if (data.status === "DISABLED") await sessions.revokeAll(scope, data.userId);
  await audit.record(scope, {
    action: "user.status_change",
    entityType: "User",
    entityId: data.userId,
    before: { status: before.status },
    after: { status: after.status },
  });
  return after;
}
