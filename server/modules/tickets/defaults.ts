import type { TicketCategoryGroup } from "../../db/generated/prisma/enums";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";

// The ticket categories every ISP starts with (the seed list). A company renames,
// archives or adds to them under Settings → Tickets; nothing refers to them by name.

export const DEFAULT_CATEGORIES: { group: TicketCategoryGroup; name: string; fieldWork?: boolean }[] = [
  { group: "TECHNICAL", name: "Connectivity" },
  { group: "TECHNICAL", name: "Speed" },
  // A faulty router or ONT usually means a visit.
  { group: "TECHNICAL", name: "Equipment", fieldWork: true },
  { group: "BILLING", name: "Billing inquiry" },
  { group: "SERVICE_REQUEST", name: "Upgrade" },
  { group: "SERVICE_REQUEST", name: "Relocation", fieldWork: true },
  { group: "COMPLAINT", name: "Complaint" },
  { group: "FEEDBACK", name: "Feedback" },
];

/** Creates the default categories a company does not have yet (new companies, older demo data). */
export async function ensureDefaultCategories(scope: Scope): Promise<number> {
  const { count } = await scope.tx.ticketCategory.createMany({
    data: DEFAULT_CATEGORIES.map((c) => ({
      id: newId(),
      companyId: scope.companyId,
      group: c.group,
      name: c.name,
      fieldWork: c.fieldWork ?? false,
    })),
    skipDuplicates: true,
  });
  return count;
}
