import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  createDatabasePool,
  createPrismaAdapter,
  preparedStatementName,
  PrismaClient,
  TRANSACTION_OPTIONS,
  type DatabaseConnectionOptions,
} from '@modelgate/db';
import type pg from 'pg';
import type { DriverStatement } from './statement-texts.js';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/** The one Prisma client of the process. Only repositories use it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /** SQL statements sent since start: batching tests and benchmarks read it. */
  statementsIssued = 0;

  private readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_CONNECTION) connection: DatabaseConnectionOptions) {
    const pool = createDatabasePool(connection);
    super({
      adapter: createPrismaAdapter(connection, pool),
      transactionOptions: TRANSACTION_OPTIONS,
      log: [{ emit: 'event', level: 'query' }],
    });
    this.pool = pool;
    // The class type does not carry the log option, so the event's overload is not visible here.
    (this as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => {
      this.statementsIssued++;
    });
  }

  /**
   * One raw statement on the driver's pool (Prisma's connections), prepared per connection when it starts with
   * PREPARED_STATEMENT, outside any transaction. For the CI gate's few statements, asked hundreds of times a second:
   * Prisma's raw-query path allocates several times what the statement returns, and its garbage is the gate's pauses.
   * A hot statement passes its text through StatementTexts, so it is not built again on every call.
   * Rows come as `pg` reads them: timestamptz as Date, json as values, int as number, bigint and numeric as strings.
   */
  async driverQuery<Row>(statement: DriverStatement): Promise<Row[]> {
    const text = statement.text;
    this.statementsIssued++;
    const result = await this.pool.query<Row & pg.QueryResultRow>({
      name: preparedStatementName(text) || undefined,
      text,
      values: statement.values as unknown[],
    });
    return result.rows;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    // Prisma ends the pool it connected through; one only the driver queries used is ended here.
    if (!this.pool.ended) await this.pool.end();
  }
}
