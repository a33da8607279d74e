import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { loadRules, scanTree } from '@modelgate/discovery';
import { weightsDigestInput, type WeightFile } from '@modelgate/domain/inventory';
import { CliError, type ApiClient } from './api-client.js';

const FIND_VERSIONS = `query ($search: String!) {
  modelVersions(first: 100, filter: { search: $search, includeRetired: false }) {
    edges { node { id key versionName version weightsSha256 provider { name } } }
  }
}`;
const ATTACH = `mutation ($input: AttachModelWeightsInput!) {
  attachModelWeights(input: $input) { key versionName version weightsSha256 provider { name } weightFiles { path } }
}`;

type Candidate = {
  id: string;
  key: string;
  versionName: string;
  version: number;
  weightsSha256: string | null;
  provider: { name: string };
};

export type WeightsAttachOptions = { model?: string; provider?: string; dryRun: boolean };

export type WeightsAttachResult = {
  folder: string;
  files: WeightFile[];
  /** The checksum the version gets: one file's own, or the SHA-256 of the sorted `sha256sum` lines. */
  digest: string;
  /** Null on a dry run. */
  attachedTo: {
    key: string;
    versionName: string;
    provider: string;
    version: number;
    previousWeightsSha256: string | null;
  } | null;
};

/**
 * Hashes every weight file of a model folder (recognised as the scan recognises them: by extension and first
 * bytes; Git LFS pointers count with the checksum they name) and attaches the checksums to a model version.
 */
export async function attachWeightsFolder(
  client: ApiClient | null,
  folder: string,
  options: WeightsAttachOptions,
): Promise<WeightsAttachResult> {
  if (!options.dryRun && !options.model) throw new CliError('--model (the version’s key or name) is required');
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new CliError(`${folder} is not a folder`);
  const scan = await scanTree(folder, { rules: loadRules(), gitignore: false });
  const files = scan.findings
    .filter((finding) => finding.kind === 'WEIGHTS_FILE' && finding.sha256)
    .map((finding) => ({ path: finding.file, sha256: finding.sha256!, sizeBytes: finding.bytes }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  if (files.length === 0) {
    throw new CliError(`${folder} holds no weight files (.safetensors, .gguf, PyTorch .bin/.pt/.pth checkpoints)`);
  }
  const input = weightsDigestInput(files);
  const digest = 'single' in input ? input.single : createHash('sha256').update(input.manifest, 'utf8').digest('hex');
  if (options.dryRun || !client) return { folder, files, digest, attachedTo: null };

  const target = await findVersion(client, options.model!, options.provider);
  const data = await client.query<{
    attachModelWeights: { key: string; versionName: string; version: number; weightsSha256: string; provider: { name: string } };
  }>(ATTACH, { input: { id: target.id, expectedVersion: target.version, files } });
  const attached = data.attachModelWeights;
  return {
    folder,
    files,
    digest: attached.weightsSha256,
    attachedTo: {
      key: attached.key,
      versionName: attached.versionName,
      provider: attached.provider.name,
      version: attached.version,
      previousWeightsSha256: target.weightsSha256,
    },
  };
}

async function findVersion(client: ApiClient, model: string, provider: string | undefined): Promise<Candidate> {
  const data = await client.query<{ modelVersions: { edges: { node: Candidate }[] } }>(FIND_VERSIONS, { search: model });
  const wanted = model.toLowerCase();
  const matches = data.modelVersions.edges
    .map((edge) => edge.node)
    .filter((node) => node.key === wanted || node.versionName.toLowerCase() === wanted)
    .filter((node) => !provider || node.provider.name.toLowerCase() === provider.toLowerCase());
  if (matches.length === 0) throw new CliError(`no model version in the inventory has the key or name "${model}"`);
  if (matches.length > 1) {
    const names = matches.map((node) => `${node.key} (${node.provider.name})`).join(', ');
    throw new CliError(`"${model}" names several model versions: ${names}; give --provider or the key`);
  }
  return matches[0]!;
}

export function describeWeightsAttach(result: WeightsAttachResult): string {
  const lines = result.files.map((file) => `${file.sha256}  ${file.path}`);
  const count = `${result.files.length} weight file${result.files.length === 1 ? '' : 's'}`;
  if (!result.attachedTo) {
    lines.push(`${count}; weights checksum ${result.digest} (dry run: nothing attached)`);
  } else {
    const { provider, versionName, key, version, previousWeightsSha256 } = result.attachedTo;
    lines.push(`Attached ${count} to ${provider} ${versionName} (${key}), now at version ${version}.`);
    lines.push(`Weights checksum: ${result.digest}`);
    if (previousWeightsSha256 && previousWeightsSha256 !== result.digest) {
      lines.push(
        `It was ${previousWeightsSha256}: approvals given for those weights no longer cover this version; request a new approval.`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
