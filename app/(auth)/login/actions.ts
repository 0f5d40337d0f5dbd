"use server";

import { CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth/config";
import { currentCompany } from "@/server/auth/viewer";
import { companyUrl, sameOriginPath } from "@/server/lib/urls";

export interface LoginState {
  step: "password" | "totp";
  error?: string;
  /** Set on success: where the browser goes next (see sign-out.ts on why not redirect()). */
  next?: string;
}

/** Signs in through Auth.js; a second step asks for the authenticator code when the account has one. */
export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const field = (name: string) => String(form.get(name) ?? "").trim();
  const step = field("totp") || field("recoveryCode") ? "totp" : "password";
  try {
    await signIn("credentials", {
      email: field("email"),
      password: String(form.get("password") ?? ""),
      totp: field("totp"),
      recoveryCode: field("recoveryCode"),
      redirect: false,
    });
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      if (err.code === "totp_required") return { step: "totp" };
      return { step, error: err.code || "E-mail or password is incorrect." };
    }
    throw err;
  }
  // Only paths on this company's own address: never an open redirect.
  const company = await currentCompany();
  return { step, next: company ? sameOriginPath(field("next"), companyUrl(company.slug)) : "/" };
}
