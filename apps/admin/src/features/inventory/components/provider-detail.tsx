import { AnchorLink } from '../../../components/router-links';
import { Anchor, Badge, Skeleton, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { countryLabel, providerTypeLabels } from '../labels';
import { inventoryQueries } from '../queries';
import type { InventorySearch } from '../search';
import { HistorySection } from './history-section';
import { ModelVersionList } from './model-version-list';

function ExternalLink({ href }: { href: string | null }) {
  return href ? (
    <Anchor href={href} target="_blank" rel="noreferrer noopener">
      {href}
    </Anchor>
  ) : (
    <>—</>
  );
}

/** A provider's facts, then its model versions in the same list as the inventory, pinned to this provider. */
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
  if (provider.isPending) return <Skeleton height={200} role="status" aria-label="Loading the provider" />;
  if (provider.isError) {
    return <QueryError title="Could not load the provider" error={provider.error} onRetry={() => void provider.refetch()} />;
  }
  const facts = provider.data;
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AnchorLink to="/inventory/providers" size="sm">
          ← All providers
        </AnchorLink>
        <Title order={2}>
          {facts.name}{' '}
          {facts.retiredAt && (
            <Badge color="gray" tt="none">
              Retired
            </Badge>
          )}
        </Title>
        <Table variant="vertical" withTableBorder aria-label="Provider facts">
          <Table.Tbody>
            {(
              [
                ['Legal entity', facts.legalEntity ?? '—'],
                ['Headquarters', countryLabel(facts.headquartersCountry)],
                ['Type', providerTypeLabels[facts.type]],
                ['Website', <ExternalLink key="website" href={facts.website} />],
                ['Source', <ExternalLink key="source" href={facts.sourceUrl} />],
                [
                  'Verified',
                  facts.verified ? 'Every fact confirmed from its source' : 'Some facts not confirmed from their source',
                ],
                ['Model versions', String(facts.modelVersionCount)],
              ] as const
            ).map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={200}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
