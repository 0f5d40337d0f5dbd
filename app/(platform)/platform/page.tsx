import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight, Building2, Headset, Network, ReceiptText, ShieldCheck, Smartphone, Users } from "lucide-react";
import { SiteChrome } from "@/components/platform/site-chrome";
import { Button } from "@/components/ui/button";
import { env } from "@/server/lib/env";

export const metadata: Metadata = {
  title: { absolute: "Lastmile: run your ISP end to end" },
  description:
    "Subscribers, packages, RADIUS access, billing and payments, a support desk and a customer portal for internet service providers, on your own address.",
};

const FEATURES = [
  {
    icon: Users,
    title: "Subscribers and packages",
    text: "Keep every subscriber, their package and their connection in one place, searchable by your whole team.",
  },
  {
    icon: ReceiptText,
    title: "Billing and payments",
    text: "Every subscription invoiced on time with taxes and a PDF by e-mail, paid by card, M-Pesa or bank transfer, with reminders, suspension and restore.",
  },
  {
    icon: Headset,
    title: "Support desk and field work",
    text: "Tickets with SLA clocks on your business hours, routing to the right technician, and work orders on their phone.",
  },
  {
    icon: Network,
    title: "RADIUS sign-in",
    text: "FreeRADIUS checks PPPoE logins and hotspot vouchers against Lastmile, and each subscriber's daily usage is counted.",
  },
  {
    icon: Network,
    title: "Addresses and equipment",
    text: "Prefixes, IP addresses and VLANs handed out from pools, devices and their cables on a map, and the customers behind any device.",
  },
  {
    icon: Smartphone,
    title: "A portal for your customers",
    text: "Customers sign in on their phone to see their services and look after their own account.",
  },
  {
    icon: ShieldCheck,
    title: "Secure by default",
    text: "Seven staff roles, two-factor authentication for admins, and an audit log of every change.",
  },
  {
    icon: Building2,
    title: "Your own address",
    text: "Each ISP gets its own subdomain for staff and customers, with its data kept strictly apart.",
  },
];

const STEPS = [
  {
    title: "Register your ISP",
    text: "Choose your company's address and create the first admin account. It takes a minute.",
  },
  {
    title: "Invite your team",
    text: "Give network engineers, support, billing and field technicians the access their role needs.",
  },
  { title: "Welcome your customers", text: "Add subscribers and invite them to the customer portal." },
];

export default function PlatformHome() {
  const root = env().ROOT_DOMAIN;
  return (
    <SiteChrome>
      <section className="border-b bg-gradient-to-b from-accent/60 to-background">
        <div className="mx-auto flex w-full max-w-6xl flex-col items-start gap-6 px-4 py-16 sm:px-6 sm:py-24">
          <p className="rounded-full border bg-background px-3 py-1 text-xs font-medium text-muted-foreground">
            For internet service providers
          </p>
          <h1 className="max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">
            Run your ISP end to end, from one place.
          </h1>
          <p className="max-w-2xl text-lg text-muted-foreground">
            Lastmile brings your subscribers, packages, RADIUS sign-in, support desk and customer portal together, so
            your team spends less time switching between tools and more time keeping people online.
          </p>
          <div className="flex flex-col gap-3 sm:flex-row">
            <Button asChild size="lg">
              <Link href="/register">
                Register your ISP
                <ArrowRight aria-hidden />
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <a href="#how-it-works">How it works</a>
            </Button>
          </div>
          <p className="text-sm text-muted-foreground">
            Already on Lastmile? Sign in at your company&apos;s address, such as{" "}
            <span className="font-medium text-foreground">your-isp.{root}</span>.
          </p>
        </div>
      </section>

      <section aria-labelledby="features" className="mx-auto w-full max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="features" className="text-2xl font-semibold tracking-tight">
          Everything an ISP runs on
        </h2>
        <p className="mt-2 max-w-2xl text-muted-foreground">
          One system for the office, the network operations centre and the field.
        </p>
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-xl border bg-card p-6 shadow-sm">
              <span className="flex size-10 items-center justify-center rounded-lg bg-primary/10 text-primary">
                <Icon aria-hidden className="size-5" />
              </span>
              <h3 className="mt-4 font-semibold">{title}</h3>
              <p className="mt-1 text-sm text-muted-foreground">{text}</p>
            </li>
          ))}
        </ul>
        <p className="mt-6 text-sm text-muted-foreground">Coming next: network monitoring, and stock.</p>
      </section>

      <section id="how-it-works" aria-labelledby="how" className="border-t bg-muted/30">
        <div className="mx-auto w-full max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="how" className="text-2xl font-semibold tracking-tight">
            How it works
          </h2>
          <ol className="mt-8 grid gap-6 sm:grid-cols-3">
            {STEPS.map((step, i) => (
              <li key={step.title} className="space-y-2">
                <span className="flex size-8 items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-foreground">
                  {i + 1}
                </span>
                <h3 className="font-semibold">{step.title}</h3>
                <p className="text-sm text-muted-foreground">{step.text}</p>
              </li>
            ))}
          </ol>
          <div className="mt-10 flex flex-col items-start gap-3 rounded-xl border bg-background p-6 sm:flex-row sm:items-center sm:justify-between">
            <div>
              <p className="font-semibold">Ready to bring your ISP onto Lastmile?</p>
              <p className="text-sm text-muted-foreground">
                Your company&apos;s console is ready as soon as you register.
              </p>
            </div>
            <Button asChild>
              <Link href="/register">Register your ISP</Link>
            </Button>
          </div>
        </div>
      </section>
    </SiteChrome>
  );
}
