import type pg from "pg";
import { unseal } from "../server/lib/crypto";
import { sealIdentifiers } from "../server/modules/customers/identifiers";
import { passwordCipher } from "../server/modules/subscriptions/radius-password";

// Data steps: code the migrator (server/db/migrate.ts) runs right before a migration's SQL, in
// the same transaction and on the same owner's connection, for what SQL cannot do by itself. A
// step must be idempotent: it also runs on a fresh database, and again after a failed attempt.

export type DataStep = (client: pg.ClientBase, log: (line: string) => void) => Promise<void>;

const BATCH = 1000;

/**
 * Refuses to seal under another key than the one the database's secrets were sealed with: run
 * from a shell without the app's APP_ENCRYPTION_KEY, the migrations would otherwise seal with
 * the development default, which the app cannot open (and anyone can). A TOTP seed must open.
 */
async function assertAppKey(client: pg.ClientBase): Promise<void> {
  await client.query(`ALTER TABLE "User" NO FORCE ROW LEVEL SECURITY`);
  const { rows } = await client.query<{ totpSecret: string }>(
    `SELECT "totpSecret" FROM "User" WHERE "totpSecret" IS NOT NULL LIMIT 1`,
  );
  await client.query(`ALTER TABLE "User" FORCE ROW LEVEL SECURITY`);
  if (!rows[0]) return;
  try {
    unseal(rows[0].totpSecret);
  } catch {
    throw new Error(
      "APP_ENCRYPTION_KEY is not the key this database's secrets are sealed with: run the migrations with the app's APP_ENCRYPTION_KEY.",
    );
  }
}

/**
 * Moves every clear customer tax id and ID document number into its sealed column and blind
 * index, and clears it, so that the migration after it can drop the clear columns. A clear value
 * is always the newest (only code older than the sealed columns writes it), so it replaces
 * whatever was sealed; a second run finds nothing left to move.
 */
export async function sealCustomerIdentifiers(client: pg.ClientBase, log: (line: string) => void): Promise<void> {
  // Row-level security would hide every company's rows from a migration role that is not a
  // superuser; lifted for this transaction only (ALTER TABLE is transactional).
  await client.query(`ALTER TABLE "Customer" NO FORCE ROW LEVEL SECURITY`);
  const { rows } = await client.query<{
    id: string;
    companyId: string;
    taxId: string | null;
    idDocumentNumber: string | null;
  }>(
    `SELECT id, "companyId", "taxId", "idDocumentNumber" FROM "Customer"
      WHERE "taxId" IS NOT NULL OR "idDocumentNumber" IS NOT NULL ORDER BY id`,
  );
  if (rows.length) await assertAppKey(client);
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({ id: r.id, ...sealIdentifiers(r.companyId, r) }));
    await client.query(
      `UPDATE "Customer" c
          SET "taxIdSealed" = CASE WHEN c."taxId" IS NULL THEN c."taxIdSealed" ELSE v.tax_sealed END,
              "taxIdHmac" = CASE WHEN c."taxId" IS NULL THEN c."taxIdHmac" ELSE v.tax_hmac END,
              "idDocumentNumberSealed" = CASE WHEN c."idDocumentNumber" IS NULL THEN c."idDocumentNumberSealed" ELSE v.doc_sealed END,
              "idDocumentNumberHmac" = CASE WHEN c."idDocumentNumber" IS NULL THEN c."idDocumentNumberHmac" ELSE v.doc_hmac END,
              "taxId" = NULL,
              "idDocumentNumber" = NULL
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, tax_sealed, tax_hmac, doc_sealed, doc_hmac)
        WHERE c.id = v.id`,
      [
        batch.map((b) => b.id),
        batch.map((b) => b.taxIdSealed),
        batch.map((b) => b.taxIdHmac),
        batch.map((b) => b.idDocumentNumberSealed),
        batch.map((b) => b.idDocumentNumberHmac),
      ],
    );
  }
  await client.query(`ALTER TABLE "Customer" FORCE ROW LEVEL SECURITY`);
  if (rows.length) log(`sealed the tax ids and ID document numbers of ${rows.length} customer(s)`);
}

/**
 * Copies the PPPoE password of every subscription that has one and no RadiusPassword yet (made
 * before FreeRADIUS's SQL answers, server/modules/radius/answers.ts) into RadiusPassword; a
 * second run finds nothing left to copy.
 */
export async function storeRadiusPasswords(client: pg.ClientBase, log: (line: string) => void): Promise<void> {
  for (const table of ["Subscription", "RadiusPassword"])
    await client.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
  const { rows } = await client.query<{ id: string; companyId: string; pppoePassword: string }>(
    `SELECT s.id, s."companyId", s."pppoePassword" FROM "Subscription" s
      WHERE s."pppoePassword" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "RadiusPassword" r WHERE r."subscriptionId" = s.id)
      ORDER BY s.id`,
  );
  if (rows.length) await assertAppKey(client);
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await client.query(
      `INSERT INTO "RadiusPassword" ("subscriptionId", "companyId", cipher, "updatedAt")
       SELECT v.id, v.company, v.cipher, now() FROM unnest($1::text[], $2::text[], $3::bytea[]) AS v(id, company, cipher)`,
      [
        batch.map((r) => r.id),
        batch.map((r) => r.companyId),
        batch.map((r) => Buffer.from(passwordCipher(r.companyId, unseal(r.pppoePassword)))),
      ],
    );
  }
  for (const table of ["Subscription", "RadiusPassword"])
    await client.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  if (rows.length) log(`stored ${rows.length} PPPoE password(s) for FreeRADIUS's SQL answers`);
}

/** Data steps by the name of the migration they precede. */
export const DATA_STEPS: Record<string, DataStep> = {
  "20261203080150_drop_clear_customer_identifiers": sealCustomerIdentifiers,
  "20261204080100_radius_answer_passwords": storeRadiusPasswords,
};
