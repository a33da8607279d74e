import { Alert, Button, Code, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateTime } from '../../../components/date-time';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { t } from '../messages';
import { auditQueries } from '../queries';

/** Whether the hash chain holds, re-computed from the first event on every visit; the first break when it does not. */
export function VerificationBanner() {
  const verification = useQuery(auditQueries.verification());

  if (verification.isPending) return <LoadingState what={t('audit.verification.what')} rows={1} height={72} />;
  if (verification.isError) {
    return (
      <ErrorState title={t('audit.verification.failed')} error={verification.error} onRetry={() => void verification.refetch()} />
    );
  }
  const result = verification.data.auditTrailVerification;
  return (
    <Alert
      color={result.ok ? 'teal' : 'red'}
      title={result.ok ? t('audit.verification.intact') : t('audit.verification.broken')}
      role={result.ok ? 'status' : 'alert'}
      data-testid="audit-verification"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          {result.ok ? (
            <Text size="sm">
              {t('audit.verification.okBody', { count: result.checkedEvents, checkpoints: result.checkpointsChecked })}
              {result.headHash && (
                <>
                  {' '}
                  {t('audit.verification.head', { seq: result.headSeq ?? '' })} <Code>{result.headHash}</Code>
                </>
              )}
            </Text>
          ) : (
            <Text size="sm">
              {t('audit.verification.brokenBody', {
                message: result.firstBreak?.message ?? '',
                seq: result.firstBreak?.seq ?? '',
                reason: result.firstBreak?.reason ?? '',
                count: result.checkedEvents,
              })}
            </Text>
          )}
          {result.checkpointProblems.length > 0 && (
            <Text size="sm" mt={4}>
              {t('audit.verification.checkpointProblems', {
                problems: result.checkpointProblems
                  .map((problem) => t('audit.verification.checkpointProblem', { seq: problem.seq, problem: problem.problem }))
                  .join('; '),
              })}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('audit.verification.checked')} <DateTime value={result.verifiedAt} format="dateTime" />
          </Text>
        </div>
        <Button
          size="xs"
          variant="light"
          style={{ flexShrink: 0 }}
          loading={verification.isFetching}
          onClick={() => void verification.refetch()}
        >
          {t('audit.verification.again')}
        </Button>
      </Group>
    </Alert>
  );
}
