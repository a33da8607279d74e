import { AnchorLink } from '../../../components/router-links';
import { Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { countryLabel, providerTypeLabels } from '../labels';
import { inventoryQueries } from '../queries';

/** Who develops or sells the models in the inventory. */
export function ProvidersIndex() {
  const providers = useQuery(inventoryQueries.providerList());
  return (
    <Stack>
      <Title order={2} size="h3">
        Providers
      </Title>
      {providers.isPending ? (
        <Skeleton height={300} role="status" aria-label="Loading providers" />
      ) : providers.isError ? (
        <QueryError title="Could not load providers" error={providers.error} onRetry={() => void providers.refetch()} />
      ) : providers.data.length === 0 ? (
        <Text c="dimmed">No providers yet. They are added with the first model version of each.</Text>
      ) : (
        <Table striped highlightOnHover data-testid="providers" aria-label="Providers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Headquarters</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th ta="right">Model versions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {providers.data.map((provider) => (
              <Table.Tr key={provider.id}>
                <Table.Td>
                  <AnchorLink to="/inventory/providers/$providerId" params={{ providerId: provider.id }}>
                    {provider.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{countryLabel(provider.headquartersCountry)}</Table.Td>
                <Table.Td>{providerTypeLabels[provider.type]}</Table.Td>
                <Table.Td ta="right">{provider.modelVersionCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
