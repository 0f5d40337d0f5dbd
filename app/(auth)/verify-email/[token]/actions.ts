"use server";

import { headers } from "next/headers";
import { requestMeta } from "@/server/auth/request-meta";
import { currentCompany } from "@/server/auth/viewer";
import { DomainError } from "@/server/lib/errors";
import { verify } from "@/server/modules/portal/email-verification";

export interface VerifyState {
  done?: boolean;
  error?: string;
}

// A button, not the GET of the link itself: mail scanners that prefetch links must not consume it.
export async function verifyEmailAction(token: string): Promise<VerifyState> {
  const company = await currentCompany();
  if (!company) return { error: "Open the link on your provider's address." };
  try {
    await verify(company.id, token, requestMeta(await headers()));
    return { done: true };
  } catch (err) {
    if (err instanceof DomainError) return { error: err.message };
    throw err;
  }
}
