import type { Metadata } from "next";
import { localeOptions } from "@/components/console/locale-options";
import { RegisterForm } from "@/components/platform/register-form";
import { SiteChrome } from "@/components/platform/site-chrome";
import { env } from "@/server/lib/env";

export const metadata: Metadata = { title: "Register your ISP" };

export default function RegisterPage() {
  const { ROOT_DOMAIN, APP_PROTOCOL } = env();
  return (
    <SiteChrome showCta={false}>
      <div className="mx-auto w-full max-w-2xl px-4 py-10 sm:px-6 sm:py-16">
        <RegisterForm rootDomain={ROOT_DOMAIN} protocol={APP_PROTOCOL} options={localeOptions()} />
      </div>
    </SiteChrome>
  );
}
