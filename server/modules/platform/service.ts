import { z } from "zod";
import { hashPassword, verifyPassword } from "../../auth/password";
import { passwordSchema } from "../../auth/password-policy";
import { withPlatform, withoutTenant, inOrder } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { pageOf } from "../../lib/schema";

// The SaaS operator (not an ISP). RLS lets the platform scope read the company list and
// nothing else: users, customers and every other tenant table stay invisible to it.

export async function verifyOperator(email: string, password: string) {
  const operator = await withoutTenant((tx) =>
    tx.platformOperator.findUnique({ where: { email: email.trim().toLowerCase() } }),
  );
  if (!operator || !(await verifyPassword(operator.passwordHash, password))) return null;
  return { id: operator.id, email: operator.email, name: operator.name };
}

export const operatorSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  name: z.string().trim().min(2).max(120),
  password: passwordSchema,
});

/** Creates or updates an operator (CLI: npm run platform:operator). */
export async function upsertOperator(input: z.input<typeof operatorSchema>) {
  const data = operatorSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return withoutTenant((tx) =>
    tx.platformOperator.upsert({
      where: { email: data.email },
      create: { id: newId(), email: data.email, name: data.name, passwordHash },
      update: { name: data.name, passwordHash },
      select: { id: true, email: true, name: true },
    }),
  );
}

export const listCompaniesSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  search: z.string().trim().max(100).optional(),
});

export async function listCompanies(input: z.input<typeof listCompaniesSchema>) {
  const f = listCompaniesSchema.parse(input);
  const pageSize = 25;
  const where = f.search
    ? {
        OR: [
          { name: { contains: f.search, mode: "insensitive" as const } },
          { slug: { contains: f.search.toLowerCase() } },
        ],
      }
    : {};
  return withPlatform(async (tx) => {
    const [total, rows] = await inOrder([
      tx.company.count({ where }),
      tx.company.findMany({
        where,
        orderBy: { createdAt: "desc" },
        skip: (f.page - 1) * pageSize,
        take: pageSize,
        select: { id: true, name: true, slug: true, country: true, currency: true, timeZone: true, createdAt: true },
      }),
    ]);
    return { ...pageOf(total, f.page, pageSize), rows };
  });
}
