import { serve } from "inngest/next";
import { inngest, servingRefusal } from "@/server/jobs/client";
import { functions } from "@/server/jobs";

const handlers = serve({ client: inngest, functions });
type Handler = (typeof handlers)["GET"];

// In production without a signing key nothing is served (not even the function list): Inngest
// could not prove its requests are its own.
const guarded =
  (handler: Handler): Handler =>
  (...args) => {
    const refusal = servingRefusal();
    if (refusal)
      return Promise.resolve(Response.json({ error: { code: "UNAVAILABLE", message: refusal } }, { status: 503 }));
    return handler(...args);
  };

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
export const PUT = guarded(handlers.PUT);
