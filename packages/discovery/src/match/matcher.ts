import type { MatchMethod, ModelReference } from './schema.js';

/** What the matcher needs to know of each model version in the inventory. */
export type InventoryModel = {
  id: string;
  key: string;
  familyName: string;
  versionName: string;
  huggingFaceRepo: string | null;
  weightsSha256: string | null;
  /** Checksums of the files of its weights folder (`weightsSha256` is their digest). */
  weightFileSha256s?: readonly string[];
  providerKey: string;
  providerName: string;
  retired: boolean;
};

/** The checksum of the weights that run: one file of the version's weights folder stands for the whole folder. */
export function weightsInUse(model: InventoryModel, sha256: string | null): string | null {
  if (!sha256) return null;
  const lower = sha256.toLowerCase();
  return model.weightFileSha256s?.some((file) => file.toLowerCase() === lower) ? model.weightsSha256 : lower;
}

export type MatchOutcome =
  { model: InventoryModel; matchedBy: MatchMethod; hint: null } | { model: null; matchedBy: null; hint: string | null };

/** Letters and digits only, lower case: `Qwen2.5-7B-Instruct` and `qwen2.5-7b-instruct` meet as `qwen257binstruct`. */
export const loose = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Quantization, precision and format markers at the end of a file or repository name. */
const QUANT_SUFFIX =
  /[-._](?:i?q[1-8](?:_[a-z0-9]+)*|f16|f32|bf16|fp16|fp32|fp8|int[48]|awq|gptq(?:-int[48])?|bnb-4bit|[48]bit|mlx|exl2|ggml|gguf|imatrix|ud|hf)$/i;
const SPLIT_SUFFIX = /-\d{5}-of-\d{5}$/;
/** An HF-id-shaped reference: `owner/name`. */
const HF_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** The size part of an Ollama tag: 7b, 70b, 1.5b, 8x7b, 0.5b, e2b, 270m. */
const OLLAMA_SIZE = /^(?:\d+x)?\d+(?:\.\d+)?[bmk]$|^e\d+b$/i;

/** The name with quantization and split markers removed: `Qwen2.5-7B-Instruct-Q4_K_M` → `Qwen2.5-7B-Instruct`. */
export function baseModelName(name: string): string {
  let base = name.replace(/\.gguf$/i, '').replace(SPLIT_SUFFIX, '');
  for (let previous = ''; previous !== base;) {
    previous = base;
    base = base.replace(QUANT_SUFFIX, '');
  }
  return base;
}

const describe = (model: InventoryModel) =>
  model.huggingFaceRepo ? `${model.key} (${model.huggingFaceRepo})` : `${model.key} (${model.providerName})`;

/**
 * Ties references found in code to model versions of the inventory: weights by SHA-256 (the version's
 * checksum or one of its weight files'), Hugging Face ids
 * by repository (case-insensitive), vendor API names by key or version name (case-insensitive; the
 * inventory keeps no separate alias list), GGUF files, Ollama tags and local folders by name heuristics.
 */
export class InventoryIndex {
  private readonly byRepo = new Map<string, InventoryModel[]>();
  private readonly bySha = new Map<string, InventoryModel[]>();
  private readonly byName = new Map<string, InventoryModel[]>();
  private readonly byLooseName = new Map<string, InventoryModel[]>();

  constructor(readonly models: readonly InventoryModel[]) {
    const add = (map: Map<string, InventoryModel[]>, key: string | null, model: InventoryModel) => {
      if (!key) return;
      const list = map.get(key);
      if (!list) map.set(key, [model]);
      else if (!list.includes(model)) list.push(model);
    };
    for (const model of models) {
      add(this.byRepo, model.huggingFaceRepo?.toLowerCase() ?? null, model);
      add(this.bySha, model.weightsSha256?.toLowerCase() ?? null, model);
      for (const sha256 of model.weightFileSha256s ?? []) add(this.bySha, sha256.toLowerCase(), model);
      add(this.byName, model.key.toLowerCase(), model);
      add(this.byName, model.versionName.toLowerCase(), model);
      const names = [model.key, model.versionName, model.huggingFaceRepo?.split('/')[1] ?? ''].filter(Boolean);
      for (const name of names) {
        add(this.byLooseName, loose(name), model);
        // GGUF files often carry the developer's name in front: Meta-Llama-3.1-8B-Instruct.
        add(this.byLooseName, loose(`${model.providerKey}${name}`), model);
      }
    }
  }

  match(reference: Pick<ModelReference, 'kind' | 'reference' | 'sha256' | 'fileName'>): MatchOutcome {
    const { kind, reference: ref } = reference;
    if (kind === 'WEIGHTS_FILE' || reference.sha256) {
      const found = this.unique(this.bySha.get(reference.sha256?.toLowerCase() ?? ''), 'WEIGHTS_SHA256');
      if (found.model || kind !== 'WEIGHTS_FILE') return found;
      if (reference.fileName && /\.gguf$/i.test(reference.fileName)) {
        const byName = this.byFileName(reference.fileName, 'GGUF_FILE_NAME');
        if (byName.model) return byName;
      }
      return { model: null, matchedBy: null, hint: 'no model version in the inventory has these weights (SHA-256)' };
    }
    if (ref.startsWith('endpoint:')) return { model: null, matchedBy: null, hint: 'a vendor endpoint, not a model' };
    switch (kind) {
      case 'HUGGING_FACE':
        return this.byRepository(ref);
      case 'VLLM_TGI':
        return HF_ID.test(ref)
          ? this.byRepository(ref)
          : this.byFileName(ref.split('/').filter(Boolean).at(-1) ?? ref, 'LOCAL_PATH_NAME');
      case 'GGUF':
        return this.byFileName(ref.replace(/^gguf:/, ''), 'GGUF_FILE_NAME');
      case 'OLLAMA':
        return this.byOllamaTag(ref.replace(/^ollama:/, ''));
      case 'VENDOR_API':
        return this.byApiName(ref);
    }
  }

  private unique(candidates: readonly InventoryModel[] | undefined, matchedBy: MatchMethod): MatchOutcome {
    if (!candidates?.length) return { model: null, matchedBy: null, hint: null };
    if (candidates.length === 1) return { model: candidates[0]!, matchedBy, hint: null };
    return {
      model: null,
      matchedBy: null,
      hint: `matches several model versions: ${candidates.map(describe).join(', ')}; register a more specific name`,
    };
  }

  private byRepository(repo: string): MatchOutcome {
    const found = this.unique(this.byRepo.get(repo.toLowerCase()), 'HUGGING_FACE_REPO');
    if (found.model || found.hint) return found;
    // Not registered; a re-upload or quantization of a registered model is still worth a pointer.
    const [owner = '', name = ''] = repo.split('/');
    const similar = this.byLooseName
      .get(loose(baseModelName(name)))
      ?.filter((model) => model.huggingFaceRepo?.toLowerCase() !== repo.toLowerCase());
    if (similar?.length) {
      return {
        model: null,
        matchedBy: null,
        hint: `not registered; it looks like a copy, fine-tune or quantization (by ${owner}) of ${similar.map(describe).join(', ')}: register it as its own version`,
      };
    }
    return { model: null, matchedBy: null, hint: null };
  }

  private byFileName(fileName: string, matchedBy: MatchMethod): MatchOutcome {
    return this.unique(this.byLooseName.get(loose(baseModelName(fileName))), matchedBy);
  }

  private byApiName(reference: string): MatchOutcome {
    const at = reference.indexOf(':');
    const provider = at === -1 ? '' : reference.slice(0, at);
    const name = (at === -1 ? reference : reference.slice(at + 1)).toLowerCase();
    const all = this.byName.get(name) ?? [];
    const ofProvider = all.filter((model) => this.fromProvider(model, provider));
    const found = this.unique(ofProvider.length ? ofProvider : all, 'API_MODEL_NAME');
    if (found.model || found.hint) return found;
    // An undated alias ("gpt-4o") of dated versions in the inventory ("gpt-4o-2024-08-06").
    const snapshots = this.models.filter(
      (model) =>
        this.fromProvider(model, provider) &&
        /^-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|latest)$/.test(model.key.toLowerCase().slice(name.length)) &&
        model.key.toLowerCase().startsWith(name),
    );
    if (snapshots.length) {
      return {
        model: null,
        matchedBy: null,
        hint: `an alias the vendor moves between versions; the inventory has ${snapshots.map((model) => model.key).join(', ')}: pin one of them in the code, or register the alias`,
      };
    }
    return { model: null, matchedBy: null, hint: null };
  }

  private fromProvider(model: InventoryModel, provider: string): boolean {
    if (!provider) return true;
    const hint = loose(provider);
    return loose(model.providerKey).includes(hint) || loose(model.providerName).includes(hint);
  }

  /**
   * Ollama library tags name a size and, unless the tag says `text` or `base`, the instruction-tuned model:
   * `qwen2.5:7b` is Qwen2.5-7B-Instruct, `llama3.1:8b` Llama-3.1-8B-Instruct, `gemma2:9b` gemma-2-9b-it.
   * `hf.co/<owner>/<repo>:<quant>` runs a Hugging Face GGUF repository.
   */
  private byOllamaTag(tag: string): MatchOutcome {
    const [name = '', version = 'latest'] = tag.split(/:(?=[^/]*$)/);
    const hub = /^(?:hf\.co|huggingface\.co)\/(.+\/.+)$/.exec(name);
    if (hub) {
      const repo = this.unique(this.byRepo.get(hub[1]!.toLowerCase()), 'HUGGING_FACE_REPO');
      return repo.model ? repo : this.byFileName(hub[1]!.split('/')[1]!, 'OLLAMA_TAG');
    }
    const model = name.split('/').at(-1) ?? name;
    const parts = version.split('-');
    const size = parts[0] ?? '';
    if (!OLLAMA_SIZE.test(size)) {
      return { model: null, matchedBy: null, hint: `the tag "${version}" names no size; use a sized tag such as ${model}:7b` };
    }
    const variant = parts.slice(1).filter((part) => !/^(?:i?q\d.*|fp16|fp32|bf16|k|[sml]|\d)$/i.test(part) && !/^_/.test(part));
    const base = loose(`${model}${size}`);
    const attempts =
      variant.includes('text') || variant.includes('base')
        ? [base, `${base}base`]
        : variant.length
          ? [`${base}${loose(variant.join(''))}`, base]
          : [`${base}instruct`, `${base}chat`, `${base}it`, base];
    for (const attempt of attempts) {
      const found = this.unique(this.byLooseName.get(attempt), 'OLLAMA_TAG');
      if (found.model || found.hint) return found;
    }
    return { model: null, matchedBy: null, hint: null };
  }
}
