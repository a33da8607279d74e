import { Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { useSortInUrl } from '../../../components/data-table/use-sort-in-url';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { ProvidersQuery } from '../../../gql/graphql';
import { formatCountry } from '../../../i18n/format';
import { t } from '../deployments-messages';
import { providerTypeLabels } from '../labels';
import { inventoryQueries } from '../queries';

type Provider = ProvidersQuery['providers'][number];

/** Built when drawn, so the headers follow the language in use. */
const columnsOf = (): DataColumn<Provider>[] => [
  {
    id: 'name',
    header: t('deployments.providers.table.name'),
    value: (provider) => provider.name,
    hideable: false,
    cell: (provider) => (
      <AnchorLink to="/inventory/providers/$providerId" params={{ providerId: provider.id }}>
        {provider.name}
      </AnchorLink>
    ),
  },
  {
    id: 'headquarters',
    header: t('deployments.providers.table.headquarters'),
    value: (provider) => formatCountry(provider.headquartersCountry),
  },
  { id: 'type', header: t('deployments.providers.table.type'), value: (provider) => providerTypeLabels[provider.type] },
  {
    id: 'modelVersions',
    header: t('deployments.providers.table.modelVersions'),
    value: (provider) => provider.modelVersionCount,
    align: 'right',
  },
];

/** Who develops or sells the models in the inventory. */
export function ProvidersIndex() {
  const sortInUrl = useSortInUrl();
  const providers = useQuery(inventoryQueries.providerList());
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('deployments.providers.title')}
      </Title>
      <DataTable
        id="providers"
        {...sortInUrl}
        label={t('deployments.providers.table.label')}
        columns={columnsOf()}
        rows={providers.data ?? []}
        rowKey={(provider) => provider.id}
        minWidth={600}
        isLoading={providers.isPending}
        error={providers.isError ? providers.error : null}
        errorTitle={t('deployments.providers.error')}
        onRetry={() => void providers.refetch()}
        empty={<EmptyState title={t('deployments.providers.empty')} description={t('deployments.providers.emptyDescription')} />}
      />
    </Stack>
  );
}
