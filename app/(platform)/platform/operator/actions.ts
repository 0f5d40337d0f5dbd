"use server";

import { CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/server/auth/config";

// No redirect() here: see app/(auth)/sign-out.ts. The forms navigate themselves.
export interface OperatorLoginState {
  step?: "password" | "totp";
  error?: string;
  ok?: boolean;
}

/** Password first; a second step asks for the authenticator code (or a recovery code). */
export async function operatorLoginAction(_prev: OperatorLoginState, form: FormData): Promise<OperatorLoginState> {
  const totp = String(form.get("totp") ?? "").trim();
  const recoveryCode = String(form.get("recoveryCode") ?? "").trim();
  const step = totp || recoveryCode ? "totp" : "password";
  try {
    await signIn("platform", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      totp,
      recoveryCode,
      redirect: false,
    });
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      if (err.code === "totp_required") return { step: "totp" };
      return { step, error: err.code };
    }
    throw err;
  }
  return { ok: true };
}

export async function operatorSignOutAction(): Promise<void> {
  await signOut({ redirect: false });
}
