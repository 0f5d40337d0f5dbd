"use server";

import { CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/server/auth/config";

// No redirect() here: see app/(auth)/sign-out.ts. The forms navigate themselves.
export async function operatorLoginAction(
  _prev: { error?: string; ok?: boolean },
  form: FormData,
): Promise<{ error?: string; ok?: boolean }> {
  try {
    await signIn("platform", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
  } catch (err) {
    if (err instanceof CredentialsSignin) return { error: err.code };
    throw err;
  }
  return { ok: true };
}

export async function operatorSignOutAction(): Promise<void> {
  await signOut({ redirect: false });
}
