import { Stack, Text, Title } from '@mantine/core';
import { t } from '../messages';
import { ReportExportForm } from './report-export-form';
import { ReportExportsTable } from './report-exports-table';
import { SigningKeyCard } from './signing-key-card';

export function ReportsHome() {
  return (
    <Stack maw={1200}>
      <Title order={1} size="h2">
        {t('reports.title')}
      </Title>
      <Text c="dimmed">{t('reports.intro')}</Text>
      <ReportExportForm />
      <ReportExportsTable />
      <SigningKeyCard />
    </Stack>
  );
}
