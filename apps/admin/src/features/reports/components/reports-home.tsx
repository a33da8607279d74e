import { Stack, Text, Title } from '@mantine/core';
import { ReportExportForm } from './report-export-form';
import { ReportExportsTable } from './report-exports-table';
import { SigningKeyCard } from './signing-key-card';

export function ReportsHome() {
  return (
    <Stack maw={1200}>
      <Title order={1} size="h2">
        Reports
      </Title>
      <Text c="dimmed">
        Signed, verifiable exports for auditors: take the evidence away and prove, without access to Modelgate, that it is
        complete and unaltered.
      </Text>
      <ReportExportForm />
      <ReportExportsTable />
      <SigningKeyCard />
    </Stack>
  );
}
