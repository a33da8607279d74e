import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter, PrismaClient, TRANSACTION_OPTIONS, type DatabaseConnectionOptions } from '@modelgate/db';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/** The one Prisma client of the process. Only repositories use it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /** SQL statements sent since start: batching tests and benchmarks read it. */
  statementsIssued = 0;

  constructor(@Inject(DATABASE_CONNECTION) connection: DatabaseConnectionOptions) {
    super({
      adapter: createPrismaAdapter(connection),
      transactionOptions: TRANSACTION_OPTIONS,
      log: [{ emit: 'event', level: 'query' }],
    });
    // The class type does not carry the log option, so the event's overload is not visible here.
    (this as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => {
      this.statementsIssued++;
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
