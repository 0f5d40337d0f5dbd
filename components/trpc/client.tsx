"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { makeQueryClient } from "./query-client";

// The browser's typed tRPC client over TanStack Query. Only the router's *type* crosses over.
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => makeQueryClient({ onServer: false }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // The server refuses batches over MAX_BATCH_SIZE (server/api/limits.ts, 20): stay below it.
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 10 })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** Field errors of a failed mutation, for forms (server/api/trpc.ts puts them in data.fields). */
export function fieldErrors(err: unknown): Record<string, string> {
  return ((err as { data?: { fields?: Record<string, string> } } | null)?.data?.fields ?? {}) as Record<string, string>;
}
