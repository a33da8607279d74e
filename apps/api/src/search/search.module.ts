import { Module } from '@nestjs/common';
import { SearchRepository } from './search.repository.js';
import { SearchResolver } from './search.resolver.js';
import { SearchService } from './search.service.js';

/** Global search: one query over the inventory, the approval workflow and the people, for the admin app's palette. */
@Module({ providers: [SearchRepository, SearchService, SearchResolver] })
export class SearchModule {}
