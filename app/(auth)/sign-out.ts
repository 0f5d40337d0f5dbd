"use server";

import { headers } from "next/headers";
import { signOut } from "@/server/auth/config";
import { requestMeta } from "@/server/auth/request-meta";
import { currentCompany, currentViewer } from "@/server/auth/viewer";
import * as sessions from "@/server/modules/auth/sessions";

/**
 * Ends this browser's session row (so the cookie is dead everywhere) and clears the cookie.
 * The caller navigates to /login itself: a redirect from a server action is rendered inside
 * Next.js without the visitor's Host header, so the proxy would not know the company.
 */
export async function signOutAction(): Promise<void> {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  if (company && viewer) await sessions.revoke(company.id, viewer.sessionId, requestMeta(await headers()));
  await signOut({ redirect: false });
}
