import { cache } from "react";
import { headers } from "next/headers";
import type { Role } from "../db/generated/prisma/enums";
import { slugFromHost } from "../lib/urls";
import { findBySlug, type CompanyRef } from "../modules/companies/service";
import * as sessions from "../modules/auth/sessions";
import { auth } from "./config";
import { permissionsOf, TWO_FACTOR_REQUIRED_ROLES, type Permission } from "./permissions";

// Who is looking at this page: the company of the subdomain and the signed-in user, if any.
// Used by server components, tRPC and REST alike (REST adds bearer tokens on top).

export interface Viewer {
  userId: string;
  /** The company the session belongs to; tRPC refuses a viewer on any other company's subdomain. */
  companyId: string;
  sessionId: string;
  email: string;
  name: string;
  role: Role;
  permissions: Permission[];
  mustEnrolTwoFactor: boolean;
}

export const currentCompany = cache(async (): Promise<CompanyRef | null> => {
  const slug = slugFromHost((await headers()).get("host"));
  return slug ? findBySlug(slug) : null;
});

export function viewerFromSession(s: NonNullable<Awaited<ReturnType<typeof sessions.validate>>>): Viewer {
  return {
    userId: s.userId,
    companyId: s.companyId,
    sessionId: s.id,
    email: s.user.email,
    name: s.user.name,
    role: s.user.role,
    permissions: permissionsOf(s.user.role),
    mustEnrolTwoFactor: !s.user.totpEnabledAt && TWO_FACTOR_REQUIRED_ROLES.includes(s.user.role),
  };
}

/** The signed-in user of this company, or null (no cookie, another company's cookie, revoked). */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const company = await currentCompany();
  if (!company) return null;
  const session = (await auth()) as { sid?: string; cid?: string } | null;
  if (!session?.sid || session.cid !== company.id) return null;
  const live = await sessions.validate(company.id, session.sid);
  return live ? viewerFromSession(live) : null;
});

/** /login?next=<the page asked for> (the path comes from proxy.ts), so sign-in returns there. */
export async function loginUrlForThisPage(): Promise<string> {
  const path = (await headers()).get("x-lastmile-path");
  return path && path.startsWith("/") && !path.startsWith("//") && path !== "/"
    ? `/login?next=${encodeURIComponent(path)}`
    : "/login";
}
