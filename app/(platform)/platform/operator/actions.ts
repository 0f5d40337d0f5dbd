"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/server/auth/config";

export async function operatorLoginAction(_prev: { error?: string }, form: FormData): Promise<{ error?: string }> {
  try {
    await signIn("platform", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false });
  } catch (err) {
    if (err instanceof CredentialsSignin) return { error: err.code };
    throw err;
  }
  redirect("/operator");
}

export async function operatorSignOutAction(): Promise<void> {
  await signOut({ redirect: false });
  redirect("/operator/login");
}
