import { AnchorLink } from '../../../components/router-links';
import { Alert, List, Stack, Table, Text, Title } from '@mantine/core';
import { commercialUseLabels, countryLabel, lineageRelationLabels, versionTitle } from '../labels';
import type { VersionDetail } from './version-facts';

type LineageLink = VersionDetail['bases'][number];

function LineageTable({ label, links }: { label: string; links: readonly LineageLink[] }) {
  if (links.length === 0) return <Text size="sm">None recorded.</Text>;
  return (
    <Table withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Model version</Table.Th>
          <Table.Th>Relation</Table.Th>
          <Table.Th>Developer country</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {links.map((link) => (
          <Table.Tr key={link.modelVersion.id}>
            <Table.Td>
              <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: link.modelVersion.id }}>
                {versionTitle(link.modelVersion)}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{lineageRelationLabels[link.relation]}</Table.Td>
            <Table.Td>{countryLabel(link.modelVersion.developerCountry)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Bases and derivatives, the effective origin they add up to, and why it may be incomplete. */
export function LineageSection({ version }: { version: VersionDetail }) {
  return (
    <Stack component="section" aria-labelledby="lineage-heading">
      <Title order={2} size="h3" id="lineage-heading">
        Lineage
      </Title>
      <Text size="sm">
        <Text span fw={500}>
          Effective origin:
        </Text>{' '}
        {version.effectiveOrigin.map(countryLabel).join(', ') || '—'}
      </Text>
      <Text size="sm" c="dimmed">
        The effective origin lists the developer country of this version and of every version it was built from (its bases, their
        bases, and so on), since a fine-tune or merge carries what its bases were trained with.
      </Text>
      {version.lineageProblem && (
        <Alert color="orange" title="The lineage could not be followed" role="alert">
          {version.lineageProblem}
        </Alert>
      )}
      <Title order={3} size="h5">
        Built from (bases)
      </Title>
      <LineageTable label="Bases" links={version.bases} />
      <Title order={3} size="h5">
        Built on this version (derivatives)
      </Title>
      <LineageTable label="Derivatives" links={version.derivatives} />
    </Stack>
  );
}

/** The obligations of this version's license combined with every base's. */
export function ObligationsSection({ obligations }: { obligations: VersionDetail['obligations'] }) {
  const items = [
    `${commercialUseLabels[obligations.commercialUse]}.`,
    obligations.userCap !== null
      ? `A separate agreement is needed above ${obligations.userCap.toLocaleString('en')} monthly active users.`
      : 'No user cap.',
    obligations.attributionRequired
      ? `Attribution required${obligations.attributionTexts.length ? `: ${obligations.attributionTexts.map((text) => `“${text}”`).join('; ')}` : ''}.`
      : 'No attribution required.',
    ...obligations.acceptableUsePolicyUrls.map((url) => `Acceptable use policy applies: ${url}`),
    obligations.shareAlike ? 'Share-alike: derivatives must keep the license.' : 'No share-alike obligation.',
    obligations.researchOnly ? 'Research use only.' : 'Not limited to research.',
  ];
  return (
    <Stack component="section" aria-labelledby="obligations-heading">
      <Title order={2} size="h3" id="obligations-heading">
        Obligations along the lineage
      </Title>
      {obligations.incomplete && (
        <Alert color="orange" role="alert" title="Incomplete">
          Some license in the lineage has no known terms: these obligations are a lower bound.
        </Alert>
      )}
      <List size="sm">
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
