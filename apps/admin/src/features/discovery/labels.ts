import type { ScanFindingStatus } from '../../gql/graphql';

/** Each status in words and colour; the words carry the meaning, the colour only repeats it. */
export const findingStatusInfo: Record<ScanFindingStatus, { label: string; color: string; description: string }> = {
  UNKNOWN: {
    label: 'Not in the inventory',
    color: 'red',
    description: 'Models the code uses that nobody registered: register them, or remove them from the code.',
  },
  REGISTERED_NOT_APPROVED: {
    label: 'Registered, not approved',
    color: 'orange',
    description: 'In the inventory, but no approval covers this use: request one.',
  },
  APPROVED: { label: 'Approved for this use', color: 'teal', description: 'An approval covers this use.' },
  INFORMATIONAL: {
    label: 'Vendor endpoints',
    color: 'gray',
    description: 'Calls to a vendor’s API host: a signal only, never matched or counted as a failure.',
  },
};

/** The order findings are shown in: what needs action first. */
export const findingStatusOrder: ScanFindingStatus[] = ['UNKNOWN', 'REGISTERED_NOT_APPROVED', 'APPROVED', 'INFORMATIONAL'];

export const findingKindLabels: Record<string, string> = {
  HUGGING_FACE: 'Hugging Face repository',
  VENDOR_API: 'Vendor API model',
  OLLAMA: 'Ollama model',
  GGUF: 'GGUF file',
  VLLM_TGI: 'vLLM/TGI served model',
  WEIGHTS_FILE: 'Weights file',
};

export const shortCommit = (commit: string | null) => (commit ? commit.slice(0, 12) : null);
