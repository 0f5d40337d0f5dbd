"use client";

import Link from "next/link";
import { useFormStatus } from "react-dom";
import { ChevronDown, CircleUser, LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { initials } from "./format";

export type UserMenuProps = {
  name: string;
  email: string;
  roleLabel: string;
  accountHref: string;
  signOut: () => Promise<void>;
};

function SignOutItem() {
  const { pending } = useFormStatus();
  return (
    // Keep the menu open while the form submits (closing it would detach the form).
    <DropdownMenuItem asChild onSelect={(e) => e.preventDefault()} disabled={pending}>
      <button type="submit" className="w-full">
        <LogOut aria-hidden />
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </DropdownMenuItem>
  );
}

export function UserMenu({ name, email, roleLabel, accountHref, signOut }: UserMenuProps) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-10 gap-2 px-2" aria-label={`Account menu for ${name}`}>
          <span
            aria-hidden
            className="flex size-8 items-center justify-center rounded-full bg-primary/10 text-xs font-semibold text-primary"
          >
            {initials(name)}
          </span>
          <span className="hidden min-w-0 flex-col items-start text-left leading-tight sm:flex">
            <span className="max-w-40 truncate text-sm font-medium">{name}</span>
            <span className="max-w-40 truncate text-xs font-normal text-muted-foreground">{roleLabel}</span>
          </span>
          <ChevronDown aria-hidden className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-64">
        <DropdownMenuLabel className="font-normal">
          <p className="truncate font-medium">{name}</p>
          <p className="truncate text-xs text-muted-foreground">{email}</p>
          <p className="mt-1 text-xs text-muted-foreground">{roleLabel}</p>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={accountHref}>
            <CircleUser aria-hidden />
            My account
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <form
          action={async () => {
            await signOut();
            // A full navigation: the session cookie is gone, nothing cached should survive.
            window.location.assign("/login");
          }}
        >
          <SignOutItem />
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
