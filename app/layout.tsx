import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/components/trpc/client";
import "./globals.css";

// Every page depends on the request's host (which company) or on the root domain set at run
// time, so nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Lastmile", template: "%s · Lastmile" },
  description: "Run your ISP end to end.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-background text-foreground antialiased">
        <TrpcProvider>{children}</TrpcProvider>
      </body>
    </html>
  );
}
