import type { Metadata } from "next";
import { OperatorLoginForm } from "@/components/platform-operator/login-form";

export const metadata: Metadata = { title: "Operator sign-in" };

export default function OperatorLoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm">
        <OperatorLoginForm />
      </div>
    </main>
  );
}
