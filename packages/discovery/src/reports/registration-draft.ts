import type { FindingKind } from '../findings.js';
import { baseModelName, loose, type InventoryModel } from '../match/matcher.js';

export type DraftProvider = { id: string; key: string; name: string };

export type RegistrationDraft = {
  fields: {
    familyName: string | null;
    versionName: string | null;
    supplier: string | null;
    distribution: 'OPEN_WEIGHTS' | 'API_ONLY' | null;
    huggingFaceRepo: string | null;
    sourceUrl: string | null;
    modelCardUrl: string | null;
    weightsSha256: string | null;
  };
  provider: DraftProvider | null;
  /** What was guessed and should be checked before saving. */
  notes: string[];
};

export type FindingForDraft = {
  kind: FindingKind;
  reference: string;
  provider: string | null;
  file: string;
  sha256: string | null;
};

const SIZE = /^(?:\d+x)?\d+(?:\.\d+)?[bBmMkK]$|^[eE]\d+[bB]$/;
const HF_ID = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;

/** `Qwen2.5-7B-Instruct` → `Qwen2.5`, `Llama-3.1-8B` → `Llama-3.1`, `gpt-4.1-mini` → `gpt-4.1-mini` (no size: whole name). */
export function familyOf(name: string): string {
  const parts = name.split(/[-_:]/);
  const size = parts.findIndex((part, index) => index > 0 && SIZE.test(part));
  return size > 0 ? parts.slice(0, size).join(name.includes('-') ? '-' : '_') : name;
}

/**
 * A registration form's starting point for a model a scan found but the inventory does not have: names,
 * distribution, where it comes from, and the provider when the inventory already has one that fits (the
 * owner of other registered repositories of that Hugging Face account, or the vendor the scan rule named).
 * Saves nothing; every guess is listed in `notes`.
 */
export function draftFromFinding(
  finding: FindingForDraft,
  providers: readonly DraftProvider[],
  models: readonly InventoryModel[],
): RegistrationDraft {
  const notes: string[] = [];
  const fields: RegistrationDraft['fields'] = {
    familyName: null,
    versionName: null,
    supplier: null,
    distribution: null,
    huggingFaceRepo: null,
    sourceUrl: null,
    modelCardUrl: null,
    weightsSha256: null,
  };
  let provider: DraftProvider | null = null;
  const named = (name: string) => {
    fields.versionName = name;
    fields.familyName = familyOf(name);
    if (fields.familyName !== name) notes.push(`The family name "${fields.familyName}" is read off the version name; check it.`);
  };
  const ofHint = (hint: string | null) => {
    if (!hint) return null;
    const wanted = loose(hint);
    return providers.find((p) => loose(p.key).includes(wanted) || loose(p.name).includes(wanted)) ?? null;
  };

  const { kind, reference } = finding;
  const repo = kind === 'HUGGING_FACE' || kind === 'VLLM_TGI' ? HF_ID.exec(reference) : null;
  if (repo) {
    const [, owner, name] = repo as unknown as [string, string, string];
    named(name);
    fields.huggingFaceRepo = `${owner}/${name}`;
    fields.supplier = 'Hugging Face';
    fields.distribution = 'OPEN_WEIGHTS';
    fields.sourceUrl = `https://huggingface.co/${owner}/${name}`;
    fields.modelCardUrl = fields.sourceUrl;
    const sameOwner = models.find((model) => model.huggingFaceRepo?.toLowerCase().startsWith(`${owner.toLowerCase()}/`));
    provider = sameOwner ? (providers.find((p) => p.key === sameOwner.providerKey) ?? null) : ofHint(owner);
    notes.push('Read the model card for the license, base model and languages: import it with "Fill from a model card".');
  } else if (kind === 'VENDOR_API') {
    const at = reference.indexOf(':');
    named(at === -1 ? reference : reference.slice(at + 1));
    fields.distribution = 'API_ONLY';
    provider = ofHint(finding.provider ?? (at === -1 ? null : reference.slice(0, at)));
    fields.supplier = provider ? `${provider.name} API` : null;
  } else if (kind === 'OLLAMA') {
    named(reference.replace(/^ollama:/, ''));
    fields.distribution = 'OPEN_WEIGHTS';
    fields.supplier = 'Ollama library';
    notes.push('An Ollama tag names a packaged build; register the model it packages, with its developer as provider.');
  } else if (kind === 'GGUF' || kind === 'VLLM_TGI') {
    const file =
      reference
        .replace(/^gguf:/, '')
        .split('/')
        .filter(Boolean)
        .at(-1) ?? reference;
    named(baseModelName(file));
    fields.distribution = 'OPEN_WEIGHTS';
  } else if (kind === 'WEIGHTS_FILE') {
    const file = finding.file.split('/').at(-1) ?? finding.file;
    named(baseModelName(file.replace(/\.(?:safetensors|bin|pt|pth)$/i, '')));
    fields.distribution = 'OPEN_WEIGHTS';
    fields.weightsSha256 = finding.sha256;
    notes.push(`Named after the file ${file}; give the model's real name.`);
  }
  if (!provider) notes.push('Choose the provider (or add it): the scan cannot tell who developed the model.');
  return { fields, provider, notes };
}
