import { authHousekeeping } from "./functions/auth-housekeeping";

/** Every background function, served by app/api/inngest/route.ts. */
export const functions = [authHousekeeping];
