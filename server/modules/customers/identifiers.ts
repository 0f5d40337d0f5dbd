import type { Customer, Prisma } from "../../db/generated/prisma/client";
import { blindIndex, normaliseIdentifier } from "../../lib/blind-index";
import { seal, unseal } from "../../lib/crypto";

// A customer's tax id and ID document number are personal identifiers: the database keeps each
// sealed (AES-256-GCM) with a blind index beside it (an HMAC of the normalised value under a key
// of its own), so staff still find a customer by the exact number while a copy of the database
// shows neither. Everything else reads and writes them as plain `taxId` / `idDocumentNumber`.

export interface Identifiers {
  taxId: string | null;
  idDocumentNumber: string | null;
}

/** The blind indexes' field names: part of every HMAC, so never change them without re-indexing. */
const FIELD = { taxId: "Customer.taxId", idDocumentNumber: "Customer.idDocumentNumber" } as const;

const sealOrNull = (value: string | null | undefined) => (value ? seal(value) : null);

/** The stored columns for the identifiers. A null (or empty) value clears the sealed value and its index. */
export function sealIdentifiers(companyId: string, ids: Identifiers) {
  return {
    taxIdSealed: sealOrNull(ids.taxId),
    taxIdHmac: ids.taxId ? blindIndex(companyId, FIELD.taxId, ids.taxId) : null,
    idDocumentNumberSealed: sealOrNull(ids.idDocumentNumber),
    idDocumentNumberHmac: ids.idDocumentNumber
      ? blindIndex(companyId, FIELD.idDocumentNumber, ids.idDocumentNumber)
      : null,
  };
}

export type SealedIdentifiers = ReturnType<typeof sealIdentifiers>;

/** The identifiers in clear, for the staff who may see them. */
export function openIdentifiers(row: Pick<Customer, "taxIdSealed" | "idDocumentNumberSealed">): Identifiers {
  return {
    taxId: row.taxIdSealed === null ? null : unseal(row.taxIdSealed),
    idDocumentNumber: row.idDocumentNumberSealed === null ? null : unseal(row.idDocumentNumberSealed),
  };
}

/** Only the tax id in clear: it is printed on the customer's invoices. */
export const openTaxId = (row: Pick<Customer, "taxIdSealed">): string | null =>
  row.taxIdSealed === null ? null : unseal(row.taxIdSealed);

/**
 * Customers whose tax id or ID document number is exactly `term` (spacing, dashes and case
 * aside), or null when the term cannot be one.
 */
export function identifierMatch(companyId: string, term: string): Prisma.CustomerWhereInput | null {
  if (normaliseIdentifier(term).length < 2) return null;
  return {
    OR: [
      { taxIdHmac: blindIndex(companyId, FIELD.taxId, term) },
      { idDocumentNumberHmac: blindIndex(companyId, FIELD.idDocumentNumber, term) },
    ],
  };
}
