import { expect, it } from "vitest";
import type { Actor } from "../modules/scope";
import { makeCompany } from "../test/fixtures";
import { drain } from "./drain";

const actor: Actor = { type: "SYSTEM", label: "drain test" };

it("runs batch after batch, each in its own transaction of the company, until one is short, and adds them up", async () => {
  const { company } = await makeCompany("drain");
  const sizes = [3, 3, 1, 3];
  const seen: { companyId: string; actor: Actor; txCompany: string; txId: number }[] = [];
  const total = await drain({ companyId: company.id, actor }, 3, async (scope) => {
    const [row] = await scope.tx.$queryRaw<{ company: string; tx: number }[]>`
      SELECT current_setting('app.company_id') AS company, txid_current()::int AS tx`;
    seen.push({ companyId: scope.companyId, actor: scope.actor, txCompany: row.company, txId: row.tx });
    return sizes[seen.length - 1];
  });
  // The third batch touched fewer than 3 rows: nothing is left, the fourth never runs.
  expect(total).toBe(7);
  expect(seen).toHaveLength(3);
  expect(seen.every((s) => s.companyId === company.id && s.txCompany === company.id && s.actor === actor)).toBe(true);
  expect(new Set(seen.map((s) => s.txId)).size).toBe(3);
});

it("stops after the first batch when it is already short (nothing to do is one empty batch)", async () => {
  const { company } = await makeCompany("drain-empty");
  let calls = 0;
  const total = await drain({ companyId: company.id, actor }, 5, async () => {
    calls++;
    return 0;
  });
  expect(total).toBe(0);
  expect(calls).toBe(1);
});
