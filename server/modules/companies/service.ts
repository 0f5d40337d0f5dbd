import { hashPassword } from "../../auth/password";
import { withPlatform, withTenant, withoutTenant } from "../../db/tenant";
import { afterCommit } from "../../lib/after-commit";
import { env } from "../../lib/env";
import { dropEverywhere, onDrop } from "../../shared-state";
import { Conflict, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import * as rateLimit from "../auth/rate-limit";
import * as users from "../users/service";
import * as slaDefaults from "../sla/defaults";
import type { Actor, Scope } from "../scope";
import { ensureDefaultCategories } from "../tickets/defaults";
import {
  companySettingsSchema,
  registerCompanySchema,
  slugSchema,
  type CompanySettingsInput,
  type RegisterCompanyInput,
} from "./schema";

export interface CompanyRef {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  currency: string;
}

// Subdomain lookups happen on every request; a short cache keeps them off the database.
// Kept on globalThis: Next.js bundles route handlers and pages separately, and a settings change
// made through one must clear the cache the other reads. Bounded (least recently used goes
// first) and misses expire quickly: Host headers are chosen by whoever sends the request.
const cacheHolder = globalThis as unknown as {
  lastmileSlugCache?: Map<string, { at: number; company: CompanyRef | null }>;
};
const slugCache = (cacheHolder.lastmileSlugCache ??= new Map());
// Behind a load balancer every instance has its own copy: a change made through one is dropped
// from the others' too (server/shared-state), so a new ISP's address works on all of them at once.
onDrop((message) => {
  if (message.startsWith("company:")) slugCache.delete(message.slice("company:".length));
});
const SLUG_CACHE_MAX = 1000;
const HIT_TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;

/** The cached answer for a checked name while it is fresh, marked as just used. */
function freshHit(key: string) {
  const hit = slugCache.get(key);
  if (!hit || Date.now() - hit.at >= (hit.company ? HIT_TTL_MS : MISS_TTL_MS)) return undefined;
  slugCache.delete(key);
  slugCache.set(key, hit);
  return hit;
}

export async function findBySlug(slug: string): Promise<CompanyRef | null> {
  // Only checked names are cached, so a hit needs no check (zod's was most of a RADIUS request's lookup).
  const cached = freshHit(slug);
  if (cached) return cached.company;
  // A name no company could have registered is no company: no lookup, no cache entry.
  const valid = slugSchema.safeParse(slug);
  if (!valid.success) return null;
  const key = valid.data;
  const hit = freshHit(key);
  if (hit) return hit.company;
  const rows = await withoutTenant((tx) => tx.$queryRaw<CompanyRef[]>`SELECT * FROM lastmile_company_by_slug(${key})`);
  const company = rows[0] ?? null;
  slugCache.delete(key);
  slugCache.set(key, { at: Date.now(), company });
  // A Map iterates in insertion order, and every use re-inserts: the first key is the least recently used.
  if (slugCache.size > SLUG_CACHE_MAX) slugCache.delete(slugCache.keys().next().value!);
  return company;
}

/** Every company's id, oldest id first: what the scheduled jobs visit one company at a time. */
export async function listIds(): Promise<string[]> {
  return withPlatform(async (tx) =>
    (await tx.company.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id),
  );
}

/**
 * An ISP signs up on the root domain: the company and its first super admin, in one transaction.
 * Anyone can call this, so everything cheap comes first (the input, the per-address limit, the
 * address being free) and the password hash last, outside any transaction: a refused request
 * costs no hash and a hashing one holds no pool connection.
 */
export async function register(input: RegisterCompanyInput, actor: Omit<Actor, "type">) {
  const data = registerCompanySchema.parse(input);
  const perHour = env().SIGNUP_LIMIT_PER_HOUR;
  await rateLimit.enforce(
    [{ key: ["companies.register", "ip", actor.ip ?? "unknown"], max: perHour, windowSeconds: 3600 }],
    "Too many sign-ups from your network. Try again in an hour.",
  );
  const existing = await withoutTenant(
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM lastmile_company_by_slug(${data.slug})`,
  );
  if (existing.length) throw slugTaken();
  const companyId = newId();
  const userId = newId();
  const passwordHash = await hashPassword(data.password);
  // Another sign-up may still take the address meanwhile: the unique index decides.
  return onUnique(async () => {
    const result = await withTenant(companyId, async (tx) => {
      const company = await tx.company.create({
        data: {
          id: companyId,
          name: data.name,
          slug: data.slug,
          currency: data.currency,
          timeZone: data.timeZone,
          country: data.country,
        },
      });
      const scope: Scope = { tx, companyId, actor: { ...actor, type: "USER", id: userId, label: data.adminEmail } };
      const user = await users.createAccount(scope, {
        id: userId,
        email: data.adminEmail,
        name: data.adminName,
        passwordHash,
        role: "SUPER_ADMIN",
      });
      await audit.record(scope, {
        action: "company.register",
        entityType: "Company",
        entityId: companyId,
        after: company,
      });
      await audit.record(scope, {
        action: "user.create",
        entityType: "User",
        entityId: userId,
        after: { email: user.email, name: user.name, role: user.role },
      });
      // Support starts with a desk calendar, SLA targets and escalation rules (editable in Settings → Support).
      await slaDefaults.applyDefaults(scope, data.timeZone);
      // …and the ticket categories of the seed list (editable in Settings → Tickets).
      await ensureDefaultCategories(scope);
      return { company, user };
    });
    dropEverywhere(`company:${data.slug}`);
    return result;
  }, slugTaken);
}

const slugTaken = () =>
  new Conflict("That address is already taken; choose another.", { slug: "That address is already taken." });

export async function get(scope: Scope) {
  const company = await scope.tx.company.findUnique({ where: { id: scope.companyId } });
  if (!company) throw new NotFound("Company");
  return company;
}

export async function updateSettings(scope: Scope, input: CompanySettingsInput) {
  const data = companySettingsSchema.parse(input);
  const before = await get(scope);
  const after = await scope.tx.company.update({ where: { id: scope.companyId }, data });
  await audit.record(scope, {
    action: "company.update",
    entityType: "Company",
    entityId: scope.companyId,
    before,
    after,
  });
  slugCache.delete(after.slug);
  afterCommit(scope.tx, async () => dropEverywhere(`company:${after.slug}`));
  return after;
}
