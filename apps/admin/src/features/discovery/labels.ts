import type { DataClassification, Environment, ModelMatchMethod, ModelReferenceKind, ScanFindingStatus } from '../../gql/graphql';
import { dataClassificationLabels, environmentLabels } from '../inventory/labels';
import { t } from './messages';

/** Each status in words and colour; the words carry the meaning, the colour only repeats it. */
export function findingStatusInfo(status: ScanFindingStatus): {
  label: string;
  /** The label inside a sentence ("When scanned: not in the inventory"). */
  inline: string;
  color: string;
  description: string;
} {
  const color = { UNKNOWN: 'red', REGISTERED_NOT_APPROVED: 'orange', APPROVED: 'teal', INFORMATIONAL: 'gray' }[status];
  return {
    label: t(`discovery.status.${status}`),
    inline: t(`discovery.status.${status}.inline`),
    color,
    description: t(`discovery.status.${status}.description`),
  };
}

/** "3 not in the inventory": a count of findings in one status. */
export const findingStatusCount = (status: ScanFindingStatus, count: number): string => t(`discovery.count.${status}`, { count });

/** The order findings are shown in: what needs action first. */
export const findingStatusOrder: ScanFindingStatus[] = ['UNKNOWN', 'REGISTERED_NOT_APPROVED', 'APPROVED', 'INFORMATIONAL'];

const KINDS: readonly string[] = ['HUGGING_FACE', 'VENDOR_API', 'OLLAMA', 'GGUF', 'VLLM_TGI', 'WEIGHTS_FILE'];

export function findingKindLabel(kind: string): string {
  return KINDS.includes(kind) ? t(`discovery.kind.${kind as ModelReferenceKind}`) : kind;
}

/** How a finding was tied to a model version, and what that match is worth. */
export function matchedByInfo(method: ModelMatchMethod | null): { label: string; description: string | null } {
  if (!method) return { label: t('discovery.matchedBy.none'), description: null };
  return { label: t(`discovery.matchedBy.${method}`), description: t(`discovery.matchedBy.${method}.description`) };
}

export const shortCommit = (commit: string | null) => (commit ? commit.slice(0, 12) : null);

type ScanContext = {
  environment: Environment;
  dataClassification: DataClassification;
  personalData: boolean;
  hostingTarget: string | null;
  team?: { name: string } | null;
};

const lower = (text: string) => text.toLocaleLowerCase();

/** The use a scan's statuses answer for, in words: "production, internal data, on Cluster (the CI gate’s full answer)". */
export function scanContext(report: ScanContext): string {
  const classification = lower(dataClassificationLabels[report.dataClassification]);
  return [
    lower(environmentLabels[report.environment]),
    report.personalData
      ? t('discovery.context.dataWithPersonal', { classification })
      : t('discovery.context.data', { classification }),
    report.hostingTarget ? t('discovery.context.hosting', { hosting: report.hostingTarget }) : t('discovery.context.anyHosting'),
    ...(report.team ? [t('discovery.context.team', { team: report.team.name })] : []),
  ].join(', ');
}
