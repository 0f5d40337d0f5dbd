// Client address and device of a request, for sessions, rate limits and the audit trail.
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "127.0.0.1";
}

export function requestMeta(headers: Headers) {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 300) ?? null };
}
