import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { auth, PLATFORM_SESSION } from "@/server/auth/config";
import { companyUrl } from "@/server/lib/urls";
import { listCompanies } from "@/server/modules/platform/service";
import { OperatorSignOutButton } from "@/components/platform-operator/sign-out-button";

export const metadata: Metadata = { title: "Companies" };

// The operator's whole world: the list of ISPs on the platform. Nothing inside them.
export default async function OperatorHome({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const session = (await auth()) as { cid?: string; user?: { email?: string | null } } | null;
  if (session?.cid !== PLATFORM_SESSION) redirect("/operator/login");
  const params = await searchParams;
  const result = await listCompanies({ page: params.page ?? 1, search: params.q || undefined });
  const href = (page: number) =>
    `/operator?${new URLSearchParams({ page: String(page), ...(params.q ? { q: params.q } : {}) })}`;
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <header className="flex items-center justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Companies on Lastmile</h1>
          <p className="text-sm text-muted-foreground">
            {result.total} ISP{result.total === 1 ? "" : "s"} registered · signed in as {session.user?.email}
          </p>
        </div>
        <OperatorSignOutButton />
      </header>
      <form className="flex max-w-md gap-2" action="/operator">
        <Input name="q" defaultValue={params.q} placeholder="Search by name or address" aria-label="Search companies" />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {result.rows.length === 0 ? (
        <p className="rounded-md border p-6 text-center text-muted-foreground">
          {params.q
            ? "No company matches that search."
            : "No ISP has registered yet. Share the sign-up page of the main site."}
        </p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Company</TableHead>
              <TableHead>Address</TableHead>
              <TableHead>Country</TableHead>
              <TableHead>Currency</TableHead>
              <TableHead>Time zone</TableHead>
              <TableHead>Registered</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.rows.map((c) => (
              <TableRow key={c.id}>
                <TableCell className="font-medium">{c.name}</TableCell>
                <TableCell>
                  <a className="text-primary hover:underline" href={companyUrl(c.slug, "/login")}>
                    {c.slug}
                  </a>
                </TableCell>
                <TableCell>{c.country}</TableCell>
                <TableCell>{c.currency}</TableCell>
                <TableCell>{c.timeZone}</TableCell>
                <TableCell>{c.createdAt.toISOString().slice(0, 10)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {result.pageCount > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label="Pages">
          {result.page > 1 && (
            <Link className="text-primary" href={href(result.page - 1)}>
              Previous
            </Link>
          )}
          <span>
            Page {result.page} of {result.pageCount}
          </span>
          {result.page < result.pageCount && (
            <Link className="text-primary" href={href(result.page + 1)}>
              Next
            </Link>
          )}
        </nav>
      )}
    </main>
  );
}
