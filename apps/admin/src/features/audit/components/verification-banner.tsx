import { Alert, Button, Code, Group, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { auditQueries } from '../queries';
import { QueryError } from '../../../components/query-error';

export function VerificationBanner() {
  const verification = useQuery(auditQueries.verification());

  if (verification.isPending) return <Skeleton height={72} aria-label="Verifying the audit trail" />;
  if (verification.isError) {
    return (
      <QueryError
        title="Could not verify the audit trail"
        error={verification.error}
        onRetry={() => void verification.refetch()}
      />
    );
  }
  const result = verification.data.auditTrailVerification;
  return (
    <Alert
      color={result.ok ? 'teal' : 'red'}
      title={result.ok ? 'Audit trail verified: intact' : 'Audit trail verification FAILED'}
      role={result.ok ? 'status' : 'alert'}
      data-testid="audit-verification"
    >
      <Group justify="space-between" align="flex-start">
        <div>
          {result.ok ? (
            <Text size="sm">
              All {result.checkedEvents} events re-hashed; none was edited, deleted, inserted or reordered.{' '}
              {result.checkpointsChecked} signed checkpoints hold.
              {result.headHash && (
                <>
                  {' '}
                  Chain head #{result.headSeq}: <Code>{result.headHash}</Code>
                </>
              )}
            </Text>
          ) : (
            <Text size="sm">
              {result.firstBreak?.message} (event #{result.firstBreak?.seq}, {result.firstBreak?.reason}). {result.checkedEvents}{' '}
              events before it verify.
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Checked {new Date(result.verifiedAt).toLocaleString()}
          </Text>
        </div>
        <Button size="xs" variant="light" loading={verification.isFetching} onClick={() => void verification.refetch()}>
          Verify again
        </Button>
      </Group>
    </Alert>
  );
}
