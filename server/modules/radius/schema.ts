import { z } from "zod";

// Schemas are pure zod, so the browser's forms use these same rules.

const ADDRESS = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
export const MAX_KEY_SOURCES = 20;

/**
 * The addresses a key is accepted from: IPs or CIDR prefixes, as a list or as staff type them
 * (separated by commas, spaces or new lines). Empty: any address.
 */
export const keySourcesSchema = z
  .union([z.string().max(2000, "Keep the list under 2,000 characters."), z.array(z.string().max(100)).max(100)])
  .default("")
  .transform((given, ctx) => {
    const entries = [...new Set((Array.isArray(given) ? given.join(" ") : given).split(/[\s,]+/).filter(Boolean))];
    const bad = entries.find((e) => !ADDRESS.safeParse(e).success);
    if (bad)
      ctx.addIssue({
        code: "custom",
        message: `"${bad.slice(0, 60)}" is not an IP address or prefix (e.g. 192.0.2.10 or 192.0.2.0/24).`,
      });
    else if (entries.length > MAX_KEY_SOURCES)
      ctx.addIssue({ code: "custom", message: `List at most ${MAX_KEY_SOURCES} addresses or prefixes.` });
    return entries;
  });

/** What a key is for: FreeRADIUS (authorize, post-auth, accounting) or an SNMP poller (the SNMP ingest). */
export const KEY_USES = ["RADIUS", "POLLER"] as const;
export const KEY_USE_LABELS: Record<(typeof KEY_USES)[number], string> = {
  RADIUS: "FreeRADIUS server",
  POLLER: "SNMP poller",
};

export const createKeySchema = z.object({
  use: z.enum(KEY_USES, { error: "Choose what the key is for." }).default("RADIUS"),
  name: z
    .string({ error: "Name the RADIUS server this key is for." })
    .trim()
    .min(1, "Name the RADIUS server this key is for.")
    .max(60, "Keep the name under 60 characters."),
  allowedSources: keySourcesSchema,
});

export const revokeKeySchema = z.object({ id: z.string().trim().min(1).max(64) });

export const keySourcesInputSchema = z.object({
  id: z.string().trim().min(1).max(64),
  allowedSources: keySourcesSchema,
});

export type CreateKeyInput = z.input<typeof createKeySchema>;

// ── Sessions that fell silent (stale.ts) ──────────────────────────────────────────────────────

/**
 * The Acct-Terminate-Cause written on a session closed because its NAS stopped reporting it. Not
 * one of RFC 2866's causes, so a NAS never sends it: accounting (accounting.ts) tells by it that
 * the session was closed by us, not by its NAS, and lets a later report reopen or stop it.
 */
export const STALE_CAUSE = "Stale-Session";

/**
 * Twenty minutes: four of the five-minute Interim-Updates the setup guide configures
 * (`interim-update=5m`) missed in a row, so one lost packet, or a NAS that is busy for a
 * moment, never closes a live session.
 */
export const DEFAULT_STALE_MINUTES = 20;
export const MIN_STALE_MINUTES = 10;
export const MAX_STALE_MINUTES = 1440;

export const radiusSettingsSchema = z.object({
  /** Minutes without accounting after which an open session is closed; null: never (a NAS without Interim-Updates). */
  staleSessionMinutes: z
    .number({ error: "Enter a number of minutes, or choose never." })
    .int("Enter whole minutes.")
    .min(
      MIN_STALE_MINUTES,
      `At least ${MIN_STALE_MINUTES} minutes: two five-minute Interim-Updates may be missed before a session counts as gone.`,
    )
    .max(MAX_STALE_MINUTES, `At most ${MAX_STALE_MINUTES} minutes (a day).`)
    .nullable(),
});
export type RadiusSettingsInput = z.input<typeof radiusSettingsSchema>;

/** What the session history says about a session closed for silence. */
export const staleCauseLabel = (minutes: number | null) =>
  minutes === null ? "Closed: no accounting from its NAS" : `Closed: no accounting for ${minutes} min`;
