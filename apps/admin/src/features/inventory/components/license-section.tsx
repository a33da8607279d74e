import { Alert, Anchor, Code, List, Stack, Table, Text, Title } from '@mantine/core';
import { commercialUseLabels } from '../labels';
import { LicenseClassBadge } from './license-class-badge';
import type { VersionDetail } from './version-facts';

type CatalogLicense = VersionDetail['licenses'][number];
type Terms = CatalogLicense['terms'];

/** The terms of one license, in words a non-lawyer can act on. */
export function describeTerms(terms: Terms): string[] {
  const sentences = [`${commercialUseLabels[terms.commercialUse]}.`];
  if (terms.userCap !== null) {
    sentences.push(`A separate agreement is needed above ${terms.userCap.toLocaleString('en')} monthly active users.`);
  }
  if (terms.attributionRequired) {
    sentences.push(terms.attributionText ? `Attribution required: “${terms.attributionText}”.` : 'Attribution required.');
  }
  if (terms.acceptableUsePolicyUrl) sentences.push(`Use must follow an acceptable use policy: ${terms.acceptableUsePolicyUrl}`);
  if (terms.shareAlike) sentences.push('Share-alike: derivatives must keep this license.');
  if (terms.researchOnly) sentences.push('Research use only.');
  return sentences;
}

function CatalogEntry({ license }: { license: CatalogLicense }) {
  return (
    <Stack gap={4}>
      <Text fw={500}>
        {license.name}
        {license.licenseVersion ? ` ${license.licenseVersion}` : ''} <Code>{license.licenseId}</Code>{' '}
        <LicenseClassBadge licenseClass={license.licenseClass} />
      </Text>
      <List size="sm">
        {describeTerms(license.terms).map((sentence) => (
          <List.Item key={sentence}>{sentence}</List.Item>
        ))}
      </List>
      {license.url && (
        <Anchor href={license.url} target="_blank" rel="noreferrer noopener" size="sm">
          License text
        </Anchor>
      )}
    </Stack>
  );
}

function LicenseHistory({ history }: { history: VersionDetail['licenseHistory'] }) {
  if (history.length === 0) return <Text size="sm">No license history recorded.</Text>;
  return (
    <Table withTableBorder aria-label="License history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Effective from</Table.Th>
          <Table.Th>Declared</Table.Th>
          <Table.Th>Concluded</Table.Th>
          <Table.Th>Note</Table.Th>
          <Table.Th>Recorded</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td>{entry.effectiveFrom}</Table.Td>
            <Table.Td>{entry.declaredLicense}</Table.Td>
            <Table.Td>{entry.concludedLicense ?? 'Not reviewed'}</Table.Td>
            <Table.Td>{entry.note ?? '—'}</Table.Td>
            <Table.Td>{entry.recordedAt.slice(0, 10)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Current declared and concluded license, what the catalog says about each, and the history. */
export function LicenseSection({ version }: { version: VersionDetail }) {
  return (
    <Stack component="section" aria-labelledby="license-heading">
      <Title order={2} size="h3" id="license-heading">
        License
      </Title>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>Declared</Table.Th>
            <Table.Td>{version.declaredLicense}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Concluded</Table.Th>
            <Table.Td>{version.concludedLicense ?? 'Not reviewed yet'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Class along the lineage</Table.Th>
            <Table.Td>
              <LicenseClassBadge licenseClass={version.licenseClass} />
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {version.uncataloguedLicenseIds.length > 0 && (
        <Alert color="orange" title="Licenses missing from the catalog" role="alert">
          The catalog has no terms for {version.uncataloguedLicenseIds.join(', ')}, so the obligations below are incomplete. Ask
          compliance to add them.
        </Alert>
      )}
      {version.licenses.map((license) => (
        <CatalogEntry key={license.id} license={license} />
      ))}
      <Title order={3} size="h5">
        License history
      </Title>
      <LicenseHistory history={version.licenseHistory} />
    </Stack>
  );
}
