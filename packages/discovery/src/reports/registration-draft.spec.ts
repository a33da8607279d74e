import { describe, expect, it } from '@jest/globals';
import type { InventoryModel } from '../match/matcher.js';
import { draftFromFinding, familyOf } from './registration-draft.js';

const providers = [
  { id: 'p-qwen', key: 'alibaba-qwen', name: 'Qwen (Alibaba Cloud)' },
  { id: 'p-openai', key: 'openai', name: 'OpenAI' },
];
const models: InventoryModel[] = [
  {
    id: 'm1',
    key: 'qwen2.5-7b-instruct',
    familyName: 'Qwen2.5',
    versionName: 'Qwen2.5-7B-Instruct',
    huggingFaceRepo: 'Qwen/Qwen2.5-7B-Instruct',
    weightsSha256: null,
    providerKey: 'alibaba-qwen',
    providerName: 'Qwen (Alibaba Cloud)',
    retired: false,
  },
];
const finding = (kind: string, reference: string, extra: Record<string, unknown> = {}) =>
  draftFromFinding(
    { kind: kind as never, reference, provider: null, file: 'app/main.py', sha256: null, ...extra },
    providers,
    models,
  );

describe('draftFromFinding: a registration form’s start from an unknown finding', () => {
  it('reads a Hugging Face id: names, repository, links, and the provider owning the account’s other models', () => {
    const draft = finding('HUGGING_FACE', 'Qwen/Qwen2.5-72B-Instruct');
    expect(draft.fields).toEqual({
      familyName: 'Qwen2.5',
      versionName: 'Qwen2.5-72B-Instruct',
      supplier: 'Hugging Face',
      distribution: 'OPEN_WEIGHTS',
      huggingFaceRepo: 'Qwen/Qwen2.5-72B-Instruct',
      sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct',
      modelCardUrl: 'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct',
      weightsSha256: null,
    });
    expect(draft.provider).toEqual(providers[0]);
    expect(draft.notes[0]).toBe('The family name "Qwen2.5" is read off the version name; check it.');
  });

  it('reads a vendor API name with the vendor the rule named, and says when the provider is unknown', () => {
    const gpt = finding('VENDOR_API', 'openai:gpt-4.1-mini', { provider: 'openai' });
    expect(gpt.fields).toMatchObject({
      versionName: 'gpt-4.1-mini',
      familyName: 'gpt-4.1-mini',
      distribution: 'API_ONLY',
      supplier: 'OpenAI API',
    });
    expect(gpt.provider?.id).toBe('p-openai');
    const glm = finding('VENDOR_API', 'zhipu:glm-4-plus', { provider: 'zhipu' });
    expect(glm.provider).toBeNull();
    expect(glm.notes).toContain('Choose the provider (or add it): the scan cannot tell who developed the model.');
  });

  it('names weights after their file and keeps the checksum; GGUF files lose quantization markers', () => {
    const sha = 'c'.repeat(64);
    expect(
      finding('WEIGHTS_FILE', `sha256:${sha}`, { file: 'models/Mixtral-8x7B-v0.1.safetensors', sha256: sha }).fields,
    ).toMatchObject({
      versionName: 'Mixtral-8x7B-v0.1',
      familyName: 'Mixtral',
      distribution: 'OPEN_WEIGHTS',
      weightsSha256: sha,
    });
    expect(finding('GGUF', 'gguf:Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf').fields).toMatchObject({
      versionName: 'Meta-Llama-3.1-8B-Instruct',
      familyName: 'Meta-Llama-3.1',
    });
    expect(finding('OLLAMA', 'ollama:qwen2.5:7b').fields).toMatchObject({
      versionName: 'qwen2.5:7b',
      familyName: 'qwen2.5',
      supplier: 'Ollama library',
    });
  });

  it('reads families off sizes only', () => {
    expect(familyOf('Llama-3.1-8B')).toBe('Llama-3.1');
    expect(familyOf('gemma-2-9b-it')).toBe('gemma-2');
    expect(familyOf('DeepSeek-R1')).toBe('DeepSeek-R1');
  });
});
