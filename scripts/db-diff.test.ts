import { expect, it } from "vitest";
import { findDrift } from "./db-diff";

it("the committed migrations build exactly the schema in schema.prisma", async () => {
  expect(await findDrift()).toEqual([]);
}, 120_000);
