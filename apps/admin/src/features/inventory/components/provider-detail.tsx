import { Anchor, Badge, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateTime } from '../../../components/date-time';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { formatCountry } from '../../../i18n/format';
import { t, tWith } from '../deployments-messages';
import { providerTypeLabels } from '../labels';
import { inventoryQueries } from '../queries';
import type { InventorySearch } from '../search';
import { HistorySection } from './history-section';
import { ModelVersionList } from './model-version-list';
import { FactsTable, type Fact } from '../../../components/facts-table';

function ExternalLink({ href }: { href: string | null }) {
  return href ? (
    <Anchor href={href} target="_blank" rel="noreferrer noopener" title={t('deployments.provider.opensInNewTab', { url: href })}>
      {href}
    </Anchor>
  ) : (
    <>{t('deployments.none')}</>
  );
}

/**
 * A provider's facts, then its model versions in the same list as the inventory, pinned to this provider. The
 * facts are a short two-column list of one record, so they stay a plain table rather than a data table.
 */
export function ProviderDetail({
  providerId,
  search,
  onSearchChange,
}: {
  providerId: string;
  search: InventorySearch;
  onSearchChange: (search: InventorySearch) => void;
}) {
  const provider = useQuery(inventoryQueries.providerDetail(providerId));
  if (provider.isPending) return <LoadingState what={t('deployments.provider.loading')} rows={8} />;
  if (provider.isError) {
    return <ErrorState title={t('deployments.provider.error')} error={provider.error} onRetry={() => void provider.refetch()} />;
  }
  const facts = provider.data;
  const rows: Fact[] = [
    [t('deployments.provider.legalEntity'), facts.legalEntity ?? t('deployments.none')],
    [t('deployments.provider.headquarters'), formatCountry(facts.headquartersCountry)],
    [t('deployments.provider.type'), providerTypeLabels[facts.type]],
    [t('deployments.provider.website'), <ExternalLink key="website" href={facts.website} />],
    [t('deployments.provider.source'), <ExternalLink key="source" href={facts.sourceUrl} />],
    [
      t('deployments.provider.verified'),
      facts.verified ? t('deployments.provider.verifiedYes') : t('deployments.provider.verifiedNo'),
    ],
    [t('deployments.provider.modelVersions'), String(facts.modelVersionCount)],
    [
      t('deployments.provider.status'),
      facts.retiredAt
        ? tWith('deployments.provider.retiredOn', { date: <DateTime value={facts.retiredAt} /> })
        : t('deployments.provider.active'),
    ],
    [t('deployments.provider.updated'), <DateTime key="updated" value={facts.updatedAt} />],
  ];
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AnchorLink to="/inventory/providers" size="sm">
          {t('deployments.provider.back')}
        </AnchorLink>
        <Title order={2}>
          {facts.name}{' '}
          {facts.retiredAt && (
            <Badge color="gray" tt="none">
              {t('deployments.provider.retired')}
            </Badge>
          )}
        </Title>
        <FactsTable label={t('deployments.provider.facts')} facts={rows} />
      </Stack>
      <ModelVersionList
        search={search}
        onSearchChange={onSearchChange}
        lockedSearch={{ providerIds: [providerId] }}
        showActions={false}
      />
      <HistorySection history={facts.history} />
    </Stack>
  );
}
