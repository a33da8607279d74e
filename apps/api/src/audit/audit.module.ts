import { Global, Module } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { SigningKeyStore } from './signing-key.store.js';

/** Global: every domain records its changes through AuditService in its own transactions. */
@Global()
@Module({
  providers: [AuditRepository, AuditService, AuditCheckpointService, AuditResolver, SigningKeyStore],
  exports: [AuditService, SigningKeyStore],
})
export class AuditModule {}
