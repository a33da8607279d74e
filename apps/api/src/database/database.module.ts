import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { DatabaseConnectionOptions } from '@modelgate/db';
import { DATABASE_CONNECTION, PrismaService } from './prisma.service.js';
import { ReportsReadDatabase } from './reports-read-database.js';

export type DatabaseRuntime = DatabaseConnectionOptions & {
  /** True when Modelgate started its own embedded PostgreSQL. */
  embedded: boolean;
  /** Whether PostgreSQL privileges, not only triggers, stop the runtime role from changing audit events. */
  auditTrailProtection: 'PRIVILEGES_AND_TRIGGERS' | 'TRIGGERS_ONLY';
};

export const DATABASE_RUNTIME = Symbol('DATABASE_RUNTIME');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(runtime: DatabaseRuntime): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_CONNECTION, useValue: runtime },
        { provide: DATABASE_RUNTIME, useValue: runtime },
        PrismaService,
        ReportsReadDatabase,
      ],
      exports: [PrismaService, ReportsReadDatabase, DATABASE_RUNTIME],
    };
  }
}
