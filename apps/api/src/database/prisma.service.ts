import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter, PrismaClient, type DatabaseConnectionOptions } from '@modelgate/db';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/** The one Prisma client of the process. Only repositories use it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DATABASE_CONNECTION) connection: DatabaseConnectionOptions) {
    super({ adapter: createPrismaAdapter(connection) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
