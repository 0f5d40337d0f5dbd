import type { TestProject } from "vitest/node";
import { migrate } from "../db/migrate";
import { adminQuery, urlFor } from "./databases";

// Once per run: a template database with every migration applied; each test file clones it.
export default async function setup(project: TestProject) {
  const template = `lastmile_tpl_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${template}"`);
  await migrate(urlFor(template));
  project.provide("templateDatabase", template);
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
