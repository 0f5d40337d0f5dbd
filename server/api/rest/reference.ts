import { env } from "../../lib/env";
import { slugFromHost } from "../../lib/urls";
import { renderApiReference } from "./docs";
import { buildOpenApiDocument, type OpenApiDocument } from "./openapi";
import { restRoutes, TAGS } from "./registry";
import { defineRoute } from "./route";

// The machine-readable document and the page people read, both built from the registry.

/** Seen from a company's address, examples use that address; from the root domain, a placeholder. */
function documentFor(req: Request): { doc: OpenApiDocument; baseUrl: string } {
  const e = env();
  const host = req.headers.get("host") ?? new URL(req.url).host;
  const slug = slugFromHost(host);
  const servers: OpenApiDocument["servers"] = slug
    ? [{ url: `${e.APP_PROTOCOL}://${host}`, description: "This company" }]
    : [
        {
          url: `${e.APP_PROTOCOL}://{company}.${e.ROOT_DOMAIN}`,
          description: "Your company's address",
          variables: { company: { default: "your-isp", description: "Your company's subdomain" } },
        },
      ];
  const baseUrl = slug ? `${e.APP_PROTOCOL}://${host}` : `${e.APP_PROTOCOL}://your-isp.${e.ROOT_DOMAIN}`;
  return { doc: buildOpenApiDocument(restRoutes(), { servers, tags: TAGS }), baseUrl };
}

export const openApiJson = defineRoute({
  method: "GET",
  path: "/api/openapi.json",
  summary: "This API as an OpenAPI 3.1 document",
  description: "For client generators and API tools. The same endpoints are described for people at /api/docs.",
  tags: ["System"],
  auth: "none",
  tenant: false,
  handler: async ({ req }) => documentFor(req).doc,
});

export const apiDocs = defineRoute({
  method: "GET",
  path: "/api/docs",
  summary: "This reference, as a web page",
  tags: ["System"],
  auth: "none",
  tenant: false,
  produces: "text/html",
  handler: async ({ req }) => {
    const { doc, baseUrl } = documentFor(req);
    return new Response(renderApiReference(doc, { baseUrl, openApiUrl: "/api/openapi.json" }), {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        // Self-contained: no scripts, no external resources.
        "content-security-policy":
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
