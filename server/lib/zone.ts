// Reading an instant on a time zone's wall clock, without a date library: the one formatter per
// zone and the offset arithmetic that SLA clocks, shift plans and work-order time windows all
// build on. Pure (Intl only), so browser forms may use it too.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The named parts of an instant on the zone's wall clock (year, month, day, hour, minute, second, weekday). */
export function wallParts(at: Date | number, timeZone: string): Record<string, string> {
  const parts = formatter(timeZone).formatToParts(typeof at === "number" ? new Date(at) : at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** The instant's wall-clock time in the zone, as if that time were UTC (whole seconds). */
export function wallMs(at: Date | number, timeZone: string): number {
  const p = wallParts(at, timeZone);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
export function offsetMs(at: Date | number, timeZone: string): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return wallMs(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}
