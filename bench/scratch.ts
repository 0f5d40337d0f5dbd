// A scratch database migrated from the committed migrations, with one registered company, for a
// benchmark: the app's modules are imported after the environment points at it. Dropped
// (connections cut) afterwards, even after a failure. (Older benches still inline this.)
import { migrate } from "../server/db/migrate";
import { adminQuery, urlFor } from "../server/test/databases";

export async function withScratchCompany<T>(name: string, work: (companyId: string) => Promise<T>): Promise<T> {
  const database = `lastmile_bench_${name}_${process.pid}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  try {
    await migrate(urlFor(database), () => {});
    process.env.DATABASE_URL = urlFor(database);
    process.env.APP_DATABASE_URL = urlFor(database, "lastmile_app");
    const { resetEnvCache } = await import("../server/lib/env");
    resetEnvCache();
    const companies = await import("../server/modules/companies/service");
    const { disconnectDb } = await import("../server/db/client");
    const { company } = await companies.register(
      {
        name: "Bench ISP",
        slug: `bench-${name}-${process.pid}`,
        currency: "KES",
        timeZone: "Africa/Nairobi",
        country: "KE",
        adminName: "Bench",
        adminEmail: "bench@bench.test",
        password: "Bench-password-123",
      },
      { label: "bench" },
    );
    try {
      return await work(company.id);
    } finally {
      await disconnectDb();
    }
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}
