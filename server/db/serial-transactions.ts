import { PrismaPg } from "@prisma/adapter-pg";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

/**
 * PrismaPg whose interactive transactions send their queries one at a time.
 *
 * Why: Prisma 7's query interpreter loads the relations of an `include` (its "join" plan node)
 * with Promise.all. Outside a transaction each query gets its own pool connection; inside one
 * they all land on the transaction's single pg client, which queues them and warns "Calling
 * client.query() when the client is already executing a query is deprecated" (pg@9 will refuse
 * them). Our own code runs a transaction's queries in order (inOrder in tenant.ts), but a single
 * `findUnique({ include: { customer, package, events } })` still overlapped inside Prisma.
 * Queueing here keeps the same order and the same speed: the connection ran them one after
 * another anyway. Upstream: prisma/orm PRs #29468 and #29979; drop this class once adapter-pg
 * serialises transaction queries itself.
 */
export class SerialTransactionPg extends PrismaPg {
  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => oneAtATime(await start(isolationLevel));
    return adapter;
  }
}

function oneAtATime(tx: PgTransaction): PgTransaction {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    // A failed query does not stop the next one: its caller gets the error, as before.
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  // Savepoints go through executeRaw too, so they queue behind running queries as well.
  tx.queryRaw = (query) => inTurn(() => queryRaw(query));
  tx.executeRaw = (query) => inTurn(() => executeRaw(query));
  return tx;
}
