import { Anchor, Code, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { RichMessage } from '../../system/rich-message';
import { t } from '../messages';
import { reportQueries } from '../queries';

const VERIFY_COMMAND = 'modelgate report verify modelgate-report.zip --key modelgate-signing-key.pem';

/** The public key that proves a bundle came from this instance, and how to check a bundle with it. */
export function SigningKeyCard() {
  const key = useQuery(reportQueries.signingKey());
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('reports.key.title')}
        </Title>
        <Text size="sm">{t('reports.key.intro')}</Text>
        <Code block>{VERIFY_COMMAND}</Code>
        {key.isPending ? (
          <LoadingState what={t('reports.key.loading')} rows={2} height={30} />
        ) : key.isError ? (
          <ErrorState title={t('reports.key.error')} error={key.error} onRetry={() => void key.refetch()} />
        ) : (
          <>
            <Text size="sm">
              <RichMessage
                text={t('reports.key.id')}
                values={{ keyId: <Code data-testid="signing-key-id">{key.data.reportSigningKey.keyId}</Code> }}
              />
            </Text>
            <Code block aria-label={t('reports.key.pem')}>
              {key.data.reportSigningKey.publicKeyPem}
            </Code>
            <Anchor href={key.data.reportSigningKey.downloadPath} download="modelgate-signing-key.pem">
              {t('reports.key.download')}
            </Anchor>
          </>
        )}
      </Stack>
    </Paper>
  );
}
