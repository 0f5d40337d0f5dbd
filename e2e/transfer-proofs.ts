// Gives a portal customer of a company a history of reported bank transfers: `count` proofs, one
// a day going back from today, newest first in the portal. Written straight into the e2e
// server's database (e2e/app-env.ts), since sending each through the portal form (with its
// upload) would make the spec slow and says nothing about the list being checked.
//
//   tsx e2e/transfer-proofs.ts <company slug> <portal e-mail> <count>
// prints { newest, oldest } references as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { newId } from "../server/lib/ids";
import * as companies from "../server/modules/companies/service";

const [slug, email, count] = process.argv.slice(2);
if (!slug || !email || !count) throw new Error("Usage: transfer-proofs.ts <slug> <e-mail> <count>");

const company = await companies.findBySlug(slug);
if (!company) throw new Error(`No company ${slug}`);
const n = Number(count);
const run = Date.now().toString(36).toUpperCase();
const reference = (i: number) => `E2E-${run}-${String(i + 1).padStart(2, "0")}`;
await withTenant(company.id, async (tx) => {
  const customer = await tx.customer.findFirstOrThrow({
    where: { user: { email } },
    select: { id: true, userId: true },
  });
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    // i = 0 is the newest: sent (and paid) today; each next one a day earlier.
    const at = new Date(now - i * 86_400_000);
    await tx.transferProof.create({
      data: {
        id: newId(),
        companyId: company.id,
        customerId: customer.id,
        amountMinor: 100_000 + i * 100,
        reference: reference(i),
        paidOn: new Date(`${at.toISOString().slice(0, 10)}T00:00:00Z`),
        submittedById: customer.userId,
        createdAt: at,
      },
    });
  }
});
await disconnectDb();
console.log(JSON.stringify({ newest: reference(0), oldest: reference(n - 1) }));
