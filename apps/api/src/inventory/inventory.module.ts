import { Module } from '@nestjs/common';
import { CatalogLoader } from './catalog/catalog-loader.js';
import { DeploymentConnectionResolver, DeploymentsResolver } from './deployments.resolver.js';
import { DeploymentsService } from './deployments.service.js';
import { DerivedFactsService } from './derived-facts.service.js';
import { HostingTargetsResolver } from './hosting-targets.resolver.js';
import { HostingTargetsService } from './hosting-targets.service.js';
import { InventoryQueriesService } from './inventory-queries.service.js';
import { InventoryLoaders } from './inventory.loaders.js';
import { InventoryRepository } from './inventory.repository.js';
import { LicensesResolver } from './licenses.resolver.js';
import { LicensesService } from './licenses.service.js';
import { ModelVersionConnectionResolver, ModelVersionsResolver } from './model-versions.resolver.js';
import { ModelVersionsService } from './model-versions.service.js';
import { ProvidersResolver } from './providers.resolver.js';
import { ProvidersService } from './providers.service.js';
import { InventoryTransferRepository } from './transfer/inventory-transfer.repository.js';
import { InventoryTransferResolver } from './transfer/inventory-transfer.resolver.js';
import { InventoryTransferService } from './transfer/inventory-transfer.service.js';

/** Providers, the license catalog, model versions with lineage, hosting targets and deployments. */
@Module({
  providers: [
    InventoryRepository,
    InventoryLoaders,
    InventoryQueriesService,
    DerivedFactsService,
    ProvidersService,
    ProvidersResolver,
    LicensesService,
    LicensesResolver,
    ModelVersionsService,
    ModelVersionsResolver,
    ModelVersionConnectionResolver,
    HostingTargetsService,
    HostingTargetsResolver,
    DeploymentsService,
    DeploymentsResolver,
    DeploymentConnectionResolver,
    InventoryTransferRepository,
    InventoryTransferService,
    InventoryTransferResolver,
    CatalogLoader,
  ],
  exports: [
    CatalogLoader,
    InventoryLoaders,
    InventoryTransferService,
    InventoryRepository,
    DerivedFactsService,
    ProvidersService,
    LicensesService,
    HostingTargetsService,
    DeploymentsService,
  ],
})
export class InventoryModule {}
