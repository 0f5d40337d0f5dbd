import Link from "next/link";
import { rootUrl } from "@/server/lib/urls";

export default function NoCompany() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-2xl font-semibold">No company at this address</h1>
      <p className="text-muted-foreground">Check the address your ISP gave you, or register a new company.</p>
      <Link className="text-primary underline" href={rootUrl("/register")}>
        Register a company
      </Link>
    </main>
  );
}
