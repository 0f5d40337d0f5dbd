/** The most tRPC calls one HTTP request may carry; the browser's batch link never sends more. */
export const MAX_BATCH_SIZE = 20;
