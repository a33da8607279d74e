import { apiTokensMessages } from '../features/api-tokens/messages';
import { approvalsMessages } from '../features/approvals/messages';
import { auditMessages } from '../features/audit/messages';
import { dashboardMessages } from '../features/dashboard/messages';
import { discoveryMessages } from '../features/discovery/messages';
import { deploymentsMessages } from '../features/inventory/deployments-messages';
import { inventoryMessages } from '../features/inventory/messages';
import { peopleMessages } from '../features/people/messages';
import { policiesMessages } from '../features/policies/messages';
import { reportsMessages } from '../features/reports/messages';
import { searchMessages } from '../features/search/messages';
import { sessionMessages } from '../features/session/messages';
import { shellMessages } from '../features/shell/messages';
import { systemMessages } from '../features/system/messages';
import { commonMessages } from './common-messages';
import { domainMessages } from './domain-messages';
import type { Messages } from './translate';

/**
 * Every catalog of the app by its key prefix: what a translator translates, and what the catalog checks read.
 * Pages import only their own catalog, so this list is never part of the app's bundle.
 */
export const catalogs: Readonly<Record<string, Messages>> = {
  common: commonMessages,
  shell: shellMessages,
  search: searchMessages,
  session: sessionMessages,
  inventory: inventoryMessages,
  deployments: deploymentsMessages,
  approvals: approvalsMessages,
  policies: policiesMessages,
  audit: auditMessages,
  reports: reportsMessages,
  discovery: discoveryMessages,
  dashboard: dashboardMessages,
  people: peopleMessages,
  apiTokens: apiTokensMessages,
  system: systemMessages,
  domain: domainMessages,
};

/** The whole English catalog, one flat object (the file a translation starts from). */
export function englishCatalog(): Record<string, string> {
  return Object.assign({}, ...Object.values(catalogs)) as Record<string, string>;
}
