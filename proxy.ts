import { NextResponse, type NextRequest } from "next/server";
import { crossSiteRefusal, securityHeaders } from "./server/api/request-guard";
import { isDatabaseUnavailable, markDatabaseDown, UNAVAILABLE_MESSAGE } from "./server/db/availability";
import { slugFromHost } from "./server/lib/urls";
import { findBySlug } from "./server/modules/companies/service";

// Tenancy is decided here, once: the root domain serves the platform pages (ISP sign-up,
// operator console) from app/(platform)/platform; a company's subdomain serves its console,
// portal and API; an unknown subdomain gets a 404 page. Trailing slashes on the API are
// accepted rather than redirected (integrations often add them).

export async function proxy(request: NextRequest) {
  const response = await route(request);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

async function route(request: NextRequest): Promise<NextResponse> {
  const url = request.nextUrl.clone();
  const refusal = crossSiteRefusal(request.method, url.pathname, request.headers);
  if (refusal)
    return NextResponse.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status });
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) {
    url.pathname = url.pathname.replace(/\/+$/, "");
    if (!url.pathname.startsWith("/api/")) return NextResponse.redirect(url, 308);
    return NextResponse.rewrite(url);
  }
  // Health must answer even when the database is down, so it skips the company lookup.
  if (url.pathname === "/api/health") return NextResponse.next();
  const host = request.headers.get("host");
  const slug = slugFromHost(host);
  if (!slug) {
    if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/platform")) return NextResponse.next();
    url.pathname = `/platform${url.pathname === "/" ? "" : url.pathname}`;
    return NextResponse.rewrite(url);
  }
  if (url.pathname.startsWith("/platform")) return new NextResponse("Not found", { status: 404 });
  let company;
  try {
    company = await findBySlug(slug);
  } catch (err) {
    // PostgreSQL unreachable: a clear 503 rather than a crash page (our server answers the next
    // requests itself until the database is back, server/http/observe.ts).
    if (!isDatabaseUnavailable(err)) throw err;
    markDatabaseDown(err);
    return url.pathname.startsWith("/api/")
      ? NextResponse.json({ error: { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE } }, { status: 503 })
      : new NextResponse(UNAVAILABLE_MESSAGE, { status: 503, headers: { "retry-after": "5" } });
  }
  if (!company) {
    if (url.pathname.startsWith("/api/")) {
      return NextResponse.json(
        { error: { code: "NOT_FOUND", message: "No company at this address." } },
        { status: 404 },
      );
    }
    url.pathname = "/no-company";
    return NextResponse.rewrite(url);
  }
  // Pages that send a signed-out visitor to /login bring them back here afterwards.
  const headers = new Headers(request.headers);
  headers.set("x-lastmile-path", url.pathname + url.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|screenshot.png).*)"],
};
