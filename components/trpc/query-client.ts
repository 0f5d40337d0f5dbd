import { QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

// One QueryClient recipe for the browser and for server components. The server prefetches,
// dehydrates the cache into the page and the browser hydrates it; both ends must agree on
// superjson (as the tRPC transformer does), or dates and other rich values arrive as strings.

/** The browser retries a failed query, but never one the server refused on purpose. */
function retryUnlessRefused(count: number, err: unknown) {
  return (
    count < 2 && !/UNAUTHORIZED|FORBIDDEN|NOT_FOUND/.test(String((err as { data?: { code?: string } }).data?.code))
  );
}

export function makeQueryClient({ onServer }: { onServer: boolean }) {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Also what keeps the browser from fetching again what the server just sent.
        staleTime: 10_000,
        // A prefetch that fails leaves the query out of the page: the browser fetches it again
        // and shows the error with its own retries, instead of the server delaying the page.
        retry: onServer ? false : retryUnlessRefused,
      },
      dehydrate: { serializeData: superjson.serialize },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
