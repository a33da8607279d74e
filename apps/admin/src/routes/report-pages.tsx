import { ReportExportDetail } from '../features/reports/components/report-export-detail';
import { ReportsHome } from '../features/reports/components/reports-home';
import { useViewer } from '../features/session/hooks';
import { sections, visibleSections } from '../features/shell/navigation';
import { SectionPage } from './section-page';

// The Reports section, loaded as its own chunk when first opened.

const reportsSection = sections.find((section) => section.path === '/reports')!;

export function ReportsPage() {
  const viewer = useViewer();
  if (!visibleSections(viewer.data?.roles ?? []).includes(reportsSection)) {
    return <SectionPage section={reportsSection} forbidden />;
  }
  return <ReportsHome />;
}

export function ReportExportPage({ exportId }: { exportId: string }) {
  const viewer = useViewer();
  if (!visibleSections(viewer.data?.roles ?? []).includes(reportsSection)) {
    return <SectionPage section={reportsSection} forbidden />;
  }
  return <ReportExportDetail key={exportId} exportId={exportId} />;
}
