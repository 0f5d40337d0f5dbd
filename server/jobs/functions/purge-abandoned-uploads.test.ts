import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { makeCompany } from "../../test/fixtures";
import * as storage from "../../modules/storage/service";
import { purgeAbandonedUploads } from "./purge-abandoned-uploads";

// An upload nobody linked is removed after a day, a fresh one and linked ones stay; running
// again changes nothing.
it("removes day-old pending uploads per company, once", async () => {
  const { company, owner } = await makeCompany("purge-uploads");
  const upload = () =>
    withTenant(company.id, (tx) =>
      storage.upload(
        { tx, companyId: company.id, actor: { type: "USER", id: owner.id, label: "owner" } },
        { fileName: "note.txt", contentType: "text/plain", bytes: new TextEncoder().encode("speed test 40/10") },
      ),
    );
  const old = await upload();
  const fresh = await upload();
  await withTenant(company.id, (tx) =>
    tx.attachment.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 2 * 86_400_000) } }),
  );
  const first = await new InngestTestEngine({ function: purgeAbandonedUploads }).execute();
  expect((first.result as Record<string, { removed: number }>)[company.id]).toEqual({ removed: 1 });
  const second = await new InngestTestEngine({ function: purgeAbandonedUploads }).execute();
  expect((second.result as Record<string, { removed: number }>)[company.id]).toEqual({ removed: 0 });
  const left = await withTenant(company.id, (tx) => tx.attachment.findMany({ select: { id: true } }));
  expect(left.map((a) => a.id)).toEqual([fresh.id]);
});
