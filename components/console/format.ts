// Display helpers shared by server and client components. Times are stored in UTC and shown in
// the company's time zone with a fixed locale, so server and browser render the same text.

const LOCALE = "en-GB";

type DateLike = Date | string | number | null | undefined;

function toDate(value: DateLike): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "25 Nov 2026, 14:05" in the given time zone; `fallback` when there is no date. */
export function formatDateTime(value: DateLike, timeZone: string, fallback = "—"): string {
  const d = toDate(value);
  if (!d) return fallback;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}

/** "25 Nov 2026, 14:05:09" (for logs, where seconds matter). */
export function formatDateTimeSeconds(value: DateLike, timeZone: string, fallback = "—"): string {
  const d = toDate(value);
  if (!d) return fallback;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "medium", timeZone }).format(d);
}

export function formatDate(value: DateLike, timeZone: string, fallback = "—"): string {
  const d = toDate(value);
  if (!d) return fallback;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone }).format(d);
}

/**
 * A calendar day already in the company's zone ("2026-06-30", as reports and billing give them)
 * as people read it: "30 Jun 2026". No zone shifts it: it is a day, not a moment.
 */
export function formatDay(day: string | null | undefined, fallback = "—"): string {
  return day ? formatDate(`${day.slice(0, 10)}T00:00:00Z`, "UTC", fallback) : fallback;
}

/** A month of a report ("2026-06") as people read it: "Jun 2026". */
export function formatMonth(month: string): string {
  const d = toDate(`${month.slice(0, 7)}-01T00:00:00Z`);
  return d ? new Intl.DateTimeFormat(LOCALE, { month: "short", year: "numeric", timeZone: "UTC" }).format(d) : month;
}

/** "just now", "5 minutes ago", "in 3 days". Client-side only (depends on the clock). */
export function formatRelative(value: DateLike, now: number = Date.now()): string {
  const d = toDate(value);
  if (!d) return "—";
  const seconds = Math.round((d.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 31_536_000],
    ["month", 2_592_000],
    ["week", 604_800],
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, "second");
}

/** "UTC+03:00" for a time zone at the given instant. */
export function timeZoneOffset(timeZone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    return part === "GMT" || !part ? "UTC" : part.replace("GMT", "UTC");
  } catch {
    return "";
  }
}

function offsetMs(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The UTC instant of a calendar date ("2026-11-25") at the start (or end) of that day in a
 * time zone: what "from" and "to" date filters mean to the person choosing them.
 */
export function zonedDayBoundary(date: string, timeZone: string, edge: "start" | "end"): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const wall = edge === "start" ? Date.UTC(y, mo, d, 0, 0, 0, 0) : Date.UTC(y, mo, d, 23, 59, 59, 999);
  let guess = wall - offsetMs(timeZone, new Date(wall));
  guess = wall - offsetMs(timeZone, new Date(guess)); // second pass settles DST edges
  return new Date(guess);
}

/** "Chrome on macOS", "Safari on iPhone", "API client"; best effort, never throws. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return "Unknown device";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /SamsungBrowser/.test(ua)
        ? "Samsung Internet"
        : /Firefox\/|FxiOS/.test(ua)
          ? "Firefox"
          : /Chrome\/|CriOS|Chromium/.test(ua)
            ? "Chrome"
            : /Safari\//.test(ua)
              ? "Safari"
              : /curl\//i.test(ua)
                ? "curl"
                : /okhttp|python-requests|axios|node-fetch|undici|Go-http-client|PostmanRuntime/i.test(ua)
                  ? "API client"
                  : null;
  const os = /iPhone/.test(ua)
    ? "iPhone"
    : /iPad/.test(ua)
      ? "iPad"
      : /Android/.test(ua)
        ? "Android"
        : /Windows/.test(ua)
          ? "Windows"
          : /Mac OS X|Macintosh/.test(ua)
            ? "macOS"
            : /CrOS/.test(ua)
              ? "ChromeOS"
              : /Linux/.test(ua)
                ? "Linux"
                : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}

export function isMobileUserAgent(ua: string | null | undefined): boolean {
  return !!ua && /iPhone|iPad|Android|Mobile/.test(ua);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
