import { z } from "zod";

// How long a company keeps each kind of operational record (Settings → Data retention). Pure
// zod and constants: the settings form validates with the very rules the server applies.

/** The kinds of record the nightly retention job deletes by age, in the order the page lists them. */
export const RETENTION_KINDS = ["radiusSessionDays", "usageDays", "auditDays", "outboxDays"] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** A period of days, or null: keep for ever. */
export type RetentionPolicyValues = Record<RetentionKind, number | null>;

/** Ten years: beyond that, "keep for ever" says what is meant. */
export const MAX_RETENTION_DAYS = 3650;

interface KindRule {
  label: string;
  /** The name of its count in a run's result (the audit entry, the last run on the page). */
  counted: string;
  /** What the rows are, for the help text. */
  what: string;
  /** The shortest period a company may choose, and why (shown under the field and in errors). */
  floorDays: number;
  floorReason: string;
  defaultDays: number | null;
}

export const RETENTION_RULES: Record<RetentionKind, KindRule> = {
  radiusSessionDays: {
    counted: "radiusSessions",
    label: "RADIUS sessions",
    what: "Each PPPoE and hotspot session: who was online, from which address, with which IP, and for how long.",
    floorDays: 30,
    floorReason:
      "Complaints and abuse reports about an IP address arrive weeks later, and a session that stopped reporting is only treated as over after a month. Laws in many countries ask an ISP to keep this longer: check yours.",
    defaultDays: 365,
  },
  usageDays: {
    counted: "usageDays",
    label: "Usage detail",
    what: "Data used per subscription per day, shown in the portal and the customer's history.",
    floorDays: 366,
    floorReason:
      "Data caps and overage are measured against the usage of a whole billing cycle, and the longest cycle is a year (with a leap day), so at least 366 days are kept.",
    defaultDays: 730,
  },
  auditDays: {
    counted: "auditEntries",
    label: "Audit log",
    what: "Who changed what and when, in the console, the portal and the API.",
    floorDays: 365,
    floorReason:
      "The audit log is the record of every change for disputes, fraud and security investigations: at least a year is kept, and the database itself refuses to delete anything younger.",
    defaultDays: 2555,
  },
  outboxDays: {
    counted: "sentEmails",
    label: "Sent e-mail",
    what: "The outbox: every e-mail the system sent, with its text.",
    floorDays: 7,
    floorReason: "Staff look here when a customer says an invitation or a reset link never arrived.",
    defaultDays: 90,
  },
};

export const DEFAULT_RETENTION: RetentionPolicyValues = {
  radiusSessionDays: RETENTION_RULES.radiusSessionDays.defaultDays,
  usageDays: RETENTION_RULES.usageDays.defaultDays,
  auditDays: RETENTION_RULES.auditDays.defaultDays,
  outboxDays: RETENTION_RULES.outboxDays.defaultDays,
};

function period(kind: RetentionKind) {
  const { label, floorDays } = RETENTION_RULES[kind];
  return z
    .number({ error: `${label}: enter a number of days, or choose to keep for ever.` })
    .int(`${label}: enter whole days.`)
    .min(floorDays, `${label} must be kept at least ${floorDays} days.`)
    .max(MAX_RETENTION_DAYS, `${label}: at most ${MAX_RETENTION_DAYS} days (ten years); to keep longer, keep for ever.`)
    .nullable();
}

export const retentionPolicySchema = z.object({
  radiusSessionDays: period("radiusSessionDays"),
  usageDays: period("usageDays"),
  auditDays: period("auditDays"),
  outboxDays: period("outboxDays"),
});
export type RetentionPolicyInput = z.input<typeof retentionPolicySchema>;
