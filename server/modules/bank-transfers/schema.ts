import { z } from "zod";
import { id, optionalText, pagination } from "../../lib/schema";

// Pure zod for bank transfers: the bank-statement import (console) and the customer's proof of
// transfer (portal upload, staff review). Money in integer minor units.

/** A statement of more lines is split: the dry run shows every line on one page. */
export const STATEMENT_MAX_LINES = 2_000;
const MAX_CSV_CHARS = 2_000_000;

export const DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Which header of the bank's file holds what. Amount is either one signed column or a credit column. */
export const columnMappingSchema = z.object({
  date: z.string().trim().min(1, "Choose the column with the transaction date."),
  amount: z.string().trim().min(1, "Choose the column with the amount received."),
  reference: z.string().trim().min(1, "Choose the column with the bank reference."),
  description: z.string().trim().optional(),
  dateFormat: z.enum(DATE_FORMATS).default("YYYY-MM-DD"),
});
export type ColumnMapping = z.input<typeof columnMappingSchema>;

const csv = z
  .string()
  .min(1, "Choose the bank statement file.")
  .max(MAX_CSV_CHARS, "The file is larger than 2 MB; split it into smaller files.");

export const statementHeadersSchema = z.object({ csv });

/** What a person decided for a line the dry run could not match (or matched wrongly). */
export const lineResolutionSchema = z.object({
  line: z.number().int().min(2),
  /** Post the line as this customer's payment (allocated oldest invoice first). */
  customerId: id.optional(),
  /** With customerId: the invoice it pays first (then the customer's others, oldest due first). */
  invoiceId: id.optional(),
  /** Leave the line out (a transfer that is not a customer's payment). */
  ignore: z.boolean().optional(),
});

export const statementPreviewSchema = z.object({
  csv,
  mapping: columnMappingSchema,
  resolutions: z.array(lineResolutionSchema).max(STATEMENT_MAX_LINES).default([]),
});
export type StatementPreviewInput = z.input<typeof statementPreviewSchema>;

export const PROOF_STATUSES = ["SUBMITTED", "VERIFIED", "REJECTED"] as const;

const day = z.iso.date({ error: "Enter a date as YYYY-MM-DD." });

/** The customer's own account of a transfer; the file comes with it (multipart, see proofs route). */
export const submitProofSchema = z.object({
  amountMinor: z
    .number({ error: "Enter the amount you transferred." })
    .int("Enter the amount in minor units.")
    .positive("The amount must be more than zero.")
    .max(2_000_000_000, "That amount is too large."),
  reference: z.string().trim().min(3, "Enter the bank's reference for the transfer.").max(80),
  paidOn: day,
  note: optionalText(300, "Note"),
});
export type SubmitProofInput = z.input<typeof submitProofSchema>;

/** The portal's own list: a cursor (the last proof seen) rather than page numbers. */
export const myProofsSchema = z.object({
  cursor: id.nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const listProofsSchema = pagination().extend({
  status: z.enum(PROOF_STATUSES).optional(),
  customerId: id.optional(),
});

export const verifyProofSchema = z.object({
  id,
  /** What the bank statement shows, when it differs from what the customer typed. */
  amountMinor: z.number().int().positive().max(2_000_000_000).optional(),
});

export const rejectProofSchema = z.object({
  id,
  reason: z.string().trim().min(3, "Say why, so the customer knows what to do.").max(300),
});
