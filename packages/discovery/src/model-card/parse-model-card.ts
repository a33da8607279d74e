import {
  LineageRelation,
  Modality,
  type LineageRelation as Relation,
  type Modality as ModalityValue,
} from '@modelgate/domain/inventory';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { MAX_MODEL_CARD_LENGTH, type ModelCardBase, type ModelCardDraft } from './schema.js';

export class ModelCardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelCardError';
  }
}

/** Hugging Face license ids (hf.co/docs/hub/repositories-licenses) to SPDX ids or the license catalog's ids. */
const HF_LICENSES: Readonly<Record<string, string>> = {
  'apache-2.0': 'Apache-2.0',
  mit: 'MIT',
  'bsd-2-clause': 'BSD-2-Clause',
  'bsd-3-clause': 'BSD-3-Clause',
  'gpl-3.0': 'GPL-3.0-only',
  'lgpl-3.0': 'LGPL-3.0-only',
  'agpl-3.0': 'AGPL-3.0-only',
  'mpl-2.0': 'MPL-2.0',
  'cc0-1.0': 'CC0-1.0',
  'cc-by-4.0': 'CC-BY-4.0',
  'cc-by-sa-4.0': 'CC-BY-SA-4.0',
  'cc-by-nc-4.0': 'CC-BY-NC-4.0',
  'cc-by-nc-sa-4.0': 'CC-BY-NC-SA-4.0',
  'cc-by-nc-nd-4.0': 'CC-BY-NC-ND-4.0',
  llama2: 'LicenseRef-Llama-2-Community',
  llama3: 'LicenseRef-Llama-3-Community',
  'llama3.1': 'LicenseRef-Llama-3.1-Community',
  'llama3.2': 'LicenseRef-Llama-3.2-Community',
  'llama3.3': 'LicenseRef-Llama-3.3-Community',
  gemma: 'LicenseRef-Gemma-Terms',
  'bigscience-bloom-rail-1.0': 'LicenseRef-BigScience-RAIL-1.0',
  'bigscience-openrail-m': 'LicenseRef-BigScience-OpenRAIL-M',
  'creativeml-openrail-m': 'LicenseRef-CreativeML-OpenRAIL-M',
  openrail: 'LicenseRef-OpenRAIL',
  'openrail++': 'LicenseRef-OpenRAIL-M-Plus',
  deepseek: 'LicenseRef-DeepSeek-Model',
  qwen: 'LicenseRef-Qwen',
  'tongyi-qianwen': 'LicenseRef-Qwen',
};

/** `license: other` with one of these `license_name`s names a license the catalog already holds. */
const OTHER_LICENSE_NAMES: Readonly<Record<string, string>> = {
  qwen: 'LicenseRef-Qwen',
  'tongyi-qianwen': 'LicenseRef-Qwen',
  'qwen-research': 'LicenseRef-Qwen-Research',
  deepseek: 'LicenseRef-DeepSeek-Model',
  'deepseek-license': 'LicenseRef-DeepSeek-Model',
  'yi-license': 'LicenseRef-Yi',
  'glm-4': 'LicenseRef-GLM-4',
  'chatglm3-6b': 'LicenseRef-ChatGLM3-6B',
  'modified-mit': 'LicenseRef-Moonshot-Kimi',
  minimax: 'LicenseRef-MiniMax',
  'falcon-180b-tii-license-1.0': 'LicenseRef-Falcon-180B-TII',
};

/** Hugging Face organisations to the provider names of the catalog. */
const PROVIDERS: Readonly<Record<string, string>> = {
  qwen: 'Qwen (Alibaba Cloud)',
  'deepseek-ai': 'DeepSeek',
  thudm: 'Zhipu AI (with THUDM, Tsinghua University)',
  'zai-org': 'Zhipu AI (with THUDM, Tsinghua University)',
  moonshotai: 'Moonshot AI',
  '01-ai': '01.AI',
  minimaxai: 'MiniMax',
  bigscience: 'BigScience',
  tiiuae: 'Technology Innovation Institute',
  'meta-llama': 'Meta',
  mistralai: 'Mistral AI',
  google: 'Google (Google DeepMind)',
  microsoft: 'Microsoft',
  allenai: 'Allen Institute for AI (Ai2)',
  coherelabs: 'Cohere',
  coherefor: 'Cohere',
  cohereforai: 'Cohere',
  openai: 'OpenAI',
};

const RELATIONS: Readonly<Record<string, Relation>> = {
  finetune: LineageRelation.FineTune,
  adapter: LineageRelation.Adapter,
  quantized: LineageRelation.Quantization,
  merge: LineageRelation.Merge,
};

const MODALITIES: Readonly<Record<string, readonly ModalityValue[]>> = {
  'text-generation': [Modality.Text],
  'text2text-generation': [Modality.Text],
  'fill-mask': [Modality.Text],
  'text-classification': [Modality.Text],
  'token-classification': [Modality.Text],
  'question-answering': [Modality.Text],
  summarization: [Modality.Text],
  translation: [Modality.Text],
  'image-text-to-text': [Modality.Text, Modality.Image],
  'visual-question-answering': [Modality.Text, Modality.Image],
  'image-to-text': [Modality.Text, Modality.Image],
  'text-to-image': [Modality.Text, Modality.Image],
  'image-classification': [Modality.Image],
  'automatic-speech-recognition': [Modality.Audio, Modality.Text],
  'text-to-speech': [Modality.Text, Modality.Audio],
  'feature-extraction': [Modality.Text, Modality.Embedding],
  'sentence-similarity': [Modality.Text, Modality.Embedding],
};

type FrontMatter = Record<string, unknown>;

/** Splits `---\n<yaml>\n---\n<body>`; a card without front matter is all body. */
function splitFrontMatter(text: string): { yaml: string | null; body: string } {
  const source = text.replace(/^\uFEFF/, '');
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return { yaml: null, body: source };
  return { yaml: match[1] ?? '', body: source.slice(match[0].length) };
}

function readFrontMatter(yaml: string): FrontMatter {
  let value: unknown;
  try {
    value = parseYaml(yaml, { maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line;
      // The front matter starts on the card's second line.
      const where = line === undefined ? '' : ` (line ${line + 1} of the card)`;
      throw new ModelCardError(`The YAML front matter is not valid${where}: ${error.message.split('\n')[0]}`);
    }
    throw new ModelCardError('The YAML front matter is not valid.');
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ModelCardError('The YAML front matter must be a mapping of fields such as "license: apache-2.0".');
  }
  return value as FrontMatter;
}

const asString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;
const asStrings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).flatMap((item) => {
    const text = asString(item);
    return text === null ? [] : [text];
  });
const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** `LicenseRef-` followed by the name's letters, digits, dots and dashes. */
function licenseRefFrom(name: string): string | null {
  const id = name
    .trim()
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return id === '' ? null : `LicenseRef-${id}`;
}

function mapLicense(front: FrontMatter, notes: string[]): { id: string | null; card: string | null; link: string | null } {
  const licenses = asStrings(front.license);
  const link = asString(front.license_link);
  const licenseName = asString(front.license_name);
  if (licenses.length === 0) {
    notes.push('The card names no license: fill in the declared license from the repository.');
    return { id: null, card: null, link };
  }
  if (licenses.length > 1) notes.push(`The card lists several licenses (${licenses.join(', ')}); only the first is used.`);
  const license = licenses[0]!;
  const key = license.toLowerCase();
  if (key === 'other') {
    if (!licenseName) {
      notes.push('The license is "other" without a license_name: read the license and fill it in.');
      return { id: null, card: license, link };
    }
    const known = OTHER_LICENSE_NAMES[licenseName.toLowerCase()];
    if (known) return { id: known, card: licenseName, link };
    const ref = licenseRefFrom(licenseName);
    notes.push(
      `The license "${licenseName}" is not a known id; ${ref ?? 'no id'} was made from its name${link ? ` (text: ${link})` : ''}: check it against the license catalog.`,
    );
    return { id: ref, card: licenseName, link };
  }
  const mapped = HF_LICENSES[key];
  if (mapped) return { id: mapped, card: license, link };
  const ref = licenseRefFrom(license);
  notes.push(`The license "${license}" is not a known Hugging Face license id; ${ref ?? 'no id'} was made from it: check it.`);
  return { id: ref, card: license, link };
}

function mapBases(front: FrontMatter, tags: readonly string[], notes: string[]): ModelCardBase[] {
  const repos = unique(asStrings(front.base_model));
  const fromTags = new Map<string, Relation>();
  for (const tag of tags) {
    const match = /^base_model:(finetune|adapter|quantized|merge):(.+)$/.exec(tag);
    if (match) fromTags.set(match[2]!, RELATIONS[match[1]!]!);
  }
  const declared = asString(front.base_model_relation)?.toLowerCase() ?? null;
  let relation: Relation | null = null;
  if (declared !== null) {
    relation = RELATIONS[declared] ?? null;
    if (relation === null)
      notes.push(`The base model relation "${declared}" is not one the inventory knows: choose it when linking the base.`);
  }
  const all = unique([...repos, ...fromTags.keys()]);
  // Hugging Face infers a quantization when a GGUF repository names a base without saying how.
  const ggufGuess = relation === null && declared === null && tags.some((tag) => tag.toLowerCase() === 'gguf');
  return all.map((repo) => {
    const own = relation ?? fromTags.get(repo) ?? (ggufGuess ? LineageRelation.Quantization : null);
    if (own === null) notes.push(`The relation to the base model ${repo} is not stated: choose it when linking the base.`);
    return { repo, relation: own };
  });
}

const SIZE = /^(\d+(?:\.\d+)?)([BbMm])$/;

function parameterCountFrom(body: string, name: string | null): number | null {
  const stated = /Number of Parameters[^:\n]*:\s*\**\s*([\d.]+)\s*([BM])/i.exec(body);
  const token = stated
    ? [stated[1]!, stated[2]!]
    : name
        ?.split(/[-_]/)
        .map((part) => SIZE.exec(part))
        .find(Boolean)
        ?.slice(1, 3);
  if (!token) return null;
  const [amount, unit] = token as [string, string];
  const count = Math.round(Number(amount) * (unit.toUpperCase() === 'B' ? 1e9 : 1e6));
  return Number.isFinite(count) && count > 0 ? count : null;
}

/** The name before its size (`Qwen2.5-7B-Instruct` → `Qwen2.5`), or the whole name when it states none. */
function familyFrom(name: string): string {
  const parts = name.split('-');
  const sizeAt = parts.findIndex((part) => SIZE.test(part) || /^\d+x\d+[Bb]$/.test(part));
  return sizeAt > 0 ? parts.slice(0, sizeAt).join('-') : name;
}

function modelIndexName(front: FrontMatter): string | null {
  const index = front['model-index'];
  if (!Array.isArray(index)) return null;
  const first: unknown = index[0];
  return first && typeof first === 'object' ? asString((first as Record<string, unknown>).name) : null;
}

/**
 * Reads a Hugging Face model card (README.md with YAML front matter) into a draft model version. Pure: it
 * throws ModelCardError for a card it cannot read (too long, malformed YAML) and otherwise notes what it
 * could not map, so a person confirms before anything is saved.
 */
export function parseModelCard(text: string, repoId: string | null = null): ModelCardDraft {
  if (text.length > MAX_MODEL_CARD_LENGTH) {
    throw new ModelCardError(`The model card is longer than ${MAX_MODEL_CARD_LENGTH} characters.`);
  }
  const { yaml, body } = splitFrontMatter(text);
  const notes: string[] = [];
  if (yaml === null)
    notes.push('The card has no YAML front matter: license, base model, task and languages must be filled in by hand.');
  const front = yaml === null ? {} : readFrontMatter(yaml);

  const tags = asStrings(front.tags);
  const license = mapLicense(yaml === null ? { license: undefined } : front, yaml === null ? [] : notes);
  const bases = mapBases(front, tags, notes);
  const pipelineTag = asString(front.pipeline_tag);
  const modalities = pipelineTag ? MODALITIES[pipelineTag] : undefined;
  if (pipelineTag && !modalities) notes.push(`The task "${pipelineTag}" does not tell the modalities: choose them.`);
  if (!pipelineTag && yaml !== null) notes.push('The card has no pipeline_tag: fill in the task and modalities.');

  const repoName = repoId?.split('/')[1] ?? null;
  const owner = repoId?.split('/')[0] ?? null;
  const name = repoName ?? asString(front.model_name) ?? modelIndexName(front);
  const providerName = owner ? (PROVIDERS[owner.toLowerCase()] ?? owner) : null;
  if (owner && !PROVIDERS[owner.toLowerCase()])
    notes.push(`The owner "${owner}" is not a known provider: choose or create the provider.`);
  if (!name) notes.push('The card does not name the model: give the repository id, or fill in the family and version names.');
  else notes.push(`The family name "${familyFrom(name)}" is a guess from the model name: check it.`);
  const parameterCount = parameterCountFrom(body, name);

  const fields: ModelCardDraft['fields'] = {};
  if (name) {
    fields.familyName = familyFrom(name);
    fields.versionName = name;
  }
  if (repoId) {
    fields.supplier = 'Hugging Face';
    fields.distribution = 'OPEN_WEIGHTS';
    fields.huggingFaceRepo = repoId;
    fields.sourceUrl = `https://huggingface.co/${repoId}`;
    fields.modelCardUrl = `https://huggingface.co/${repoId}`;
  }
  if (parameterCount !== null) fields.parameterCount = parameterCount;
  if (modalities) fields.modalities = [...modalities];
  if (pipelineTag) fields.task = pipelineTag;
  if (license.id) fields.declaredLicense = license.id;

  return {
    fields,
    providerName,
    cardLicense: license.card,
    licenseLink: license.link,
    bases,
    languages: unique(asStrings(front.language)),
    datasets: unique(asStrings(front.datasets)),
    tags,
    notes,
  };
}
