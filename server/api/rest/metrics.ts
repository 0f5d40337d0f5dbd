import { queued } from "../../modules/radius/group-commit";
import { prometheusText } from "../../modules/radius/metrics";
import { showsDetails } from "./health";
import { defineRoute, RestError } from "./route";

// Counters for Prometheus, with the same HEALTH_TOKEN as /api/health's details: they name
// companies and RADIUS servers, so they are not public.
export const metrics = defineRoute({
  method: "GET",
  path: "/api/metrics",
  summary: "Counters for Prometheus",
  description:
    "This app instance's counters in Prometheus's text format: RADIUS accounting packets recorded, duplicates, ignored, rejected and refused while the queue was full (503); the queue's length; per company, RADIUS server key and source address the packets and when the last one came. Requires the HEALTH_TOKEN as a bearer token.",
  tags: ["System"],
  auth: "none",
  tenant: false,
  produces: "text/plain",
  errors: { 401: "The HEALTH_TOKEN is missing or wrong (or none is configured)." },
  handler: async ({ req }) => {
    if (!showsDetails(req)) throw new RestError(401, "UNAUTHORIZED", "Send the HEALTH_TOKEN as a bearer token.");
    return new Response(prometheusText(queued()), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    });
  },
});
