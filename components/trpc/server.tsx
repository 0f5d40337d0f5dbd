import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { createServerContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { makeQueryClient } from "./query-client";

// tRPC for server components: pages run the same queries the client components will ask for,
// in-process and as the signed-in viewer, and hand the results over in the HTML, so the first
// paint already has the data instead of a skeleton followed by a fetch after hydration.

/** One query cache per request, shared by the layout and the page. */
const getQueryClient = cache(() => makeQueryClient({ onServer: true }));

/**
 * The same options proxy as `useTRPC()` in the browser, so `trpc.x.y.queryOptions(input)` gives
 * the same query key on both sides: the input must be exactly the client's first one, or the
 * browser misses the cache, fetches again and the page flashes.
 */
export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createServerContext,
  queryClient: getQueryClient,
});

/** Options of any procedure's query; each is fully typed where `trpc.x.y.queryOptions()` builds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyQueryOptions = ReturnType<TRPCQueryOptions<any>>;

/**
 * Runs the queries and waits for them, so they are in the HTML. A failure is not thrown: the
 * query stays out of the page and the client component shows the error as it always did.
 * `false` entries are skipped, for queries behind a permission: `can("x:read") && trpc.x…`.
 */
export async function prefetch(...queries: (AnyQueryOptions | false)[]) {
  const queryClient = getQueryClient();
  await Promise.all(queries.map((q) => q && queryClient.prefetchQuery(q)));
}

/** Hands this request's prefetched queries to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
