import type { Tx } from "../db/tenant";
import type { callerAs, makeCompany, makeUser } from "./fixtures";

// The tenant-isolation harness (server/api/tenant-isolation.test.ts) runs, signed in at company
// A, one case per tRPC procedure and per REST route against company B's data. Each module
// brings its own cases in server/modules/<module>/isolation.cases.ts: the rows of B (and of A)
// they aim at, what of its tables must stay unchanged, what of B must never show, and the cases.

export type Company = Awaited<ReturnType<typeof makeCompany>>;
export type Caller = Awaited<ReturnType<typeof callerAs>>;
export type User = Awaited<ReturnType<typeof makeUser>>;

/** The two companies, made by the harness before any module's setup. */
export interface World {
  A: Company;
  B: Company;
  /** A's super admin (two-factor enrolled): the usual caller of the cases. */
  aAdmin: Caller;
  /** A bearer token of another super admin of A, for the REST cases (the tRPC cases sign aAdmin out elsewhere). */
  aToken: string;
  /** B's super admin, to make B's rows through the same procedures a user would. */
  bAdmin: Caller;
  /** A technician of B with a live web session. */
  bTech: User;
  bTechSessionId: string;
  /** Fails when an id, e-mail or telltale of B (every module's idsOfB) is anywhere in the answer. */
  expectNoneOfB(answer: unknown): Promise<void>;
}

type Case<F> = (w: World, f: F) => Promise<void>;

export interface IsolationCases<F = unknown> {
  /** Makes the module's rows of B to aim at, and A's own so A's answers are not trivially empty. */
  setup?: (w: World) => Promise<F>;
  /** The module's tables as B sees them: compared before and after every case. */
  snapshotB?: (tx: Tx, f: F) => Promise<Record<string, unknown>>;
  /** Ids, e-mails and other text of B that no answer to A may contain. */
  idsOfB?: (tx: Tx, f: F) => Promise<string[]>;
  /** One case per tRPC procedure of the module, by path ("tickets.categories.list"). */
  procedures?: Record<string, Case<F>>;
  /** One case per REST route of the module, by "METHOD /path" ("GET /api/customers/{id}"). */
  rest?: Record<string, Case<F>>;
}

/** Declares a module's cases (only for the types: `F` is what its setup returns). */
export function isolationCases<F>(cases: IsolationCases<F>): IsolationCases<F> {
  return cases;
}

/**
 * A setup that runs once, however many modules ask for it: a module whose cases need another
 * module's rows (a work order needs B's subscription) awaits that module's fixture.
 */
export function fixture<T>(make: (w: World) => Promise<T>): (w: World) => Promise<T> {
  let made: Promise<T> | undefined;
  return (w) => (made ??= make(w));
}

/** The key of a REST route in `rest`. */
export const restKey = (spec: { method: string; path: string }) => `${spec.method} ${spec.path}`;

/**
 * What the cases leave out or name that does not exist: every procedure and REST route must have
 * exactly one case, in one module's file.
 */
export function coverage(
  modules: Record<string, Pick<IsolationCases, "procedures" | "rest">>,
  procedures: string[],
  routes: string[],
  /** Cases the harness itself keeps (routes of no module, such as /api/health). */
  own: string[] = [],
): { missing: string[]; stale: string[]; twice: string[] } {
  const named = [
    ...own,
    ...Object.values(modules).flatMap((m) => [...Object.keys(m.procedures ?? {}), ...Object.keys(m.rest ?? {})]),
  ];
  const wanted = [...procedures, ...routes];
  return {
    missing: wanted.filter((p) => !named.includes(p)),
    stale: named.filter((p) => !wanted.includes(p)),
    twice: named.filter((p, i) => named.indexOf(p) !== i),
  };
}
