"use client";

import { useTRPC } from "@/components/trpc/client";
import { SearchPicker } from "../search-picker";

export type PickedCustomer = { id: string; displayName: string; accountNo: string };

/** Find the customer by name, account number, phone or e-mail; or leave the choice empty. */
export function CustomerPicker({
  picked,
  onPick,
  error,
  id,
  hint = "Type at least two characters. Leave empty for a ticket without a customer (e.g. a network fault).",
}: {
  picked: PickedCustomer | null;
  onPick: (c: PickedCustomer | null) => void;
  error?: string;
  id: string;
  hint?: string;
}) {
  const trpc = useTRPC();
  return (
    <SearchPicker
      id={id}
      label="Customer"
      placeholder="Name, ACC-000042, phone or e-mail"
      hint={hint}
      resultsLabel="Matching customers"
      emptyText={(search) => `No customer matches “${search}”.`}
      query={(search) =>
        trpc.customers.list.queryOptions(
          { search, pageSize: 6, sort: "name", direction: "asc" },
          { select: (page) => page.rows },
        )
      }
      minLength={2}
      toPicked={(c) => ({ id: c.id, displayName: c.displayName, accountNo: c.accountNo })}
      rowText={(c) => ({ name: c.displayName, detail: `${c.accountNo}${c.phone ? ` · ${c.phone}` : ""}` })}
      pickedText={(c) => ({ name: c.displayName, detail: c.accountNo })}
      picked={picked}
      onPick={onPick}
      error={error}
    />
  );
}
