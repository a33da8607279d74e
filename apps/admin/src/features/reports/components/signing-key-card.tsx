import { Anchor, Code, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { reportQueries } from '../queries';

/** The public key that proves a bundle came from this instance, and how to check a bundle with it. */
export function SigningKeyCard() {
  const key = useQuery(reportQueries.signingKey());
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Verify a bundle
        </Title>
        <Text size="sm">
          Every bundle holds a manifest listing each file with its SHA-256 and row count, signed with this instance&apos;s Ed25519
          key. Anyone can check it offline, without access to Modelgate:
        </Text>
        <Code block>modelgate report verify modelgate-report.zip --key modelgate-signing-key.pem</Code>
        {key.isPending ? (
          <Skeleton height={60} role="status" aria-label="Loading the signing key" />
        ) : key.isError ? (
          <QueryError title="Could not load the signing key" error={key.error} onRetry={() => void key.refetch()} />
        ) : (
          <>
            <Text size="sm">
              Key id (SHA-256 of the public key): <Code data-testid="signing-key-id">{key.data.reportSigningKey.keyId}</Code>
            </Text>
            <Code block aria-label="Public key (PEM)">
              {key.data.reportSigningKey.publicKeyPem}
            </Code>
            <Anchor href={key.data.reportSigningKey.downloadPath} download="modelgate-signing-key.pem">
              Download the public key (.pem)
            </Anchor>
          </>
        )}
      </Stack>
    </Paper>
  );
}
