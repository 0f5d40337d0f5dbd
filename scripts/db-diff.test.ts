import { expect, it } from "vitest";
import { findDrift, workingDatamodel } from "./db-diff";

it("the committed migrations build exactly the schema in prisma/schema.prisma and prisma/models", async () => {
  expect(await findDrift()).toEqual([]);
}, 120_000);

it("a model file changed without a migration is drift", async () => {
  // What a new prisma/models/<module>.prisma would add: a table no migration creates.
  const planted = `${workingDatamodel()}\n// prisma/models/planted.prisma\nmodel Planted {\n  id String @id\n}\n`;
  expect(await findDrift(planted)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^only in the schema: .*Planted/)]),
  );
}, 120_000);
