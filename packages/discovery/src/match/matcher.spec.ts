import { describe, expect, it } from '@jest/globals';
import { baseModelName, InventoryIndex, type InventoryModel } from './matcher.js';

const model = (
  key: string,
  versionName: string,
  provider: string,
  repo: string | null,
  extra: Partial<InventoryModel> = {},
): InventoryModel => ({
  id: `id-${key}`,
  key,
  familyName: versionName.split('-')[0]!,
  versionName,
  huggingFaceRepo: repo,
  weightsSha256: null,
  providerKey: provider,
  providerName: provider === 'alibaba-qwen' ? 'Qwen (Alibaba Cloud)' : provider === 'openai' ? 'OpenAI' : provider,
  retired: false,
  ...extra,
});

const SHA = 'a'.repeat(64);
const index = new InventoryIndex([
  model('qwen2.5-7b', 'Qwen2.5-7B', 'alibaba-qwen', 'Qwen/Qwen2.5-7B'),
  model('qwen2.5-7b-instruct', 'Qwen2.5-7B-Instruct', 'alibaba-qwen', 'Qwen/Qwen2.5-7B-Instruct', { weightsSha256: SHA }),
  model('llama-3.1-8b-instruct', 'Llama-3.1-8B-Instruct', 'meta', 'meta-llama/Llama-3.1-8B-Instruct', {
    weightsSha256: 'd'.repeat(64),
    weightFileSha256s: ['e'.repeat(64), 'F'.repeat(64)],
  }),
  model('gemma-2-9b-it', 'gemma-2-9b-it', 'google', 'google/gemma-2-9b-it'),
  model('mistral-7b-instruct-v0.2', 'Mistral-7B-Instruct-v0.2', 'mistral-ai', 'mistralai/Mistral-7B-Instruct-v0.2'),
  model('gpt-4o-2024-05-13', 'gpt-4o-2024-05-13', 'openai', null),
  model('gpt-4o-2024-08-06', 'gpt-4o-2024-08-06', 'openai', null),
  model('deepseek-chat', 'DeepSeek-Chat', 'deepseek', null),
  model('azure-deepseek-chat', 'deepseek-chat', 'microsoft', null),
]);
const match = (kind: InventoryModel['key'], reference: string, extra: { sha256?: string; fileName?: string } = {}) => {
  const outcome = index.match({ kind: kind as never, reference, sha256: extra.sha256 ?? null, fileName: extra.fileName ?? null });
  return outcome.model ? `${outcome.model.key} by ${outcome.matchedBy}` : `none${outcome.hint ? `: ${outcome.hint}` : ''}`;
};

describe('InventoryIndex: tying references to model versions', () => {
  it('matches Hugging Face ids by repository, case-insensitively, and points at a registered original', () => {
    expect(match('HUGGING_FACE', 'qwen/qwen2.5-7b-instruct')).toBe('qwen2.5-7b-instruct by HUGGING_FACE_REPO');
    expect(match('VLLM_TGI', 'meta-llama/Llama-3.1-8B-Instruct')).toBe('llama-3.1-8b-instruct by HUGGING_FACE_REPO');
    expect(match('HUGGING_FACE', 'bartowski/Qwen2.5-7B-Instruct-GGUF')).toBe(
      'none: not registered; it looks like a copy, fine-tune or quantization (by bartowski) of qwen2.5-7b-instruct (Qwen/Qwen2.5-7B-Instruct): register it as its own version',
    );
    expect(match('HUGGING_FACE', 'BAAI/bge-m3')).toBe('none');
  });

  it('matches API names by key or version name, preferring the provider the rule named', () => {
    expect(match('VENDOR_API', 'openai:gpt-4o-2024-08-06')).toBe('gpt-4o-2024-08-06 by API_MODEL_NAME');
    expect(match('VENDOR_API', 'deepseek:deepseek-chat')).toBe('deepseek-chat by API_MODEL_NAME');
    expect(match('VENDOR_API', 'openai:gpt-4o')).toBe(
      'none: an alias the vendor moves between versions; the inventory has gpt-4o-2024-05-13, gpt-4o-2024-08-06: pin one of them in the code, or register the alias',
    );
    expect(match('VENDOR_API', 'openai:gpt-4.1')).toBe('none');
    expect(match('VENDOR_API', 'endpoint:api.openai.com')).toBe('none: a vendor endpoint, not a model');
  });

  it('matches weights by SHA-256 (the version’s digest or one of its weight files), and a GGUF file by its name when the checksum is unknown', () => {
    expect(match('WEIGHTS_FILE', `sha256:${SHA}`, { sha256: SHA.toUpperCase() })).toBe('qwen2.5-7b-instruct by WEIGHTS_SHA256');
    expect(match('WEIGHTS_FILE', `sha256:${'f'.repeat(64)}`, { sha256: 'f'.repeat(64) })).toBe(
      'llama-3.1-8b-instruct by WEIGHTS_SHA256',
    );
    expect(match('WEIGHTS_FILE', `sha256:${'d'.repeat(64)}`, { sha256: 'd'.repeat(64) })).toBe(
      'llama-3.1-8b-instruct by WEIGHTS_SHA256',
    );
    expect(
      match('WEIGHTS_FILE', `sha256:${'b'.repeat(64)}`, { sha256: 'b'.repeat(64), fileName: 'gemma-2-9b-it-Q8_0.gguf' }),
    ).toBe('gemma-2-9b-it by GGUF_FILE_NAME');
    expect(match('WEIGHTS_FILE', `sha256:${'b'.repeat(64)}`, { sha256: 'b'.repeat(64), fileName: 'model.safetensors' })).toBe(
      'none: no model version in the inventory has these weights (SHA-256)',
    );
  });

  it('reads GGUF file names and local folders without quantization and split markers', () => {
    expect(baseModelName('Qwen2.5-7B-Instruct-Q4_K_M-00001-of-00002.gguf')).toBe('Qwen2.5-7B-Instruct');
    expect(baseModelName('mistral-7b-instruct-v0.2.Q4_K_M.gguf')).toBe('mistral-7b-instruct-v0.2');
    expect(match('GGUF', 'gguf:Meta-Llama-3.1-8B-Instruct-IQ4_XS.gguf')).toBe('llama-3.1-8b-instruct by GGUF_FILE_NAME');
    expect(match('GGUF', 'gguf:qwen2.5-7b-instruct-fp16.gguf')).toBe('qwen2.5-7b-instruct by GGUF_FILE_NAME');
    expect(match('VLLM_TGI', '/models/Mistral-7B-Instruct-v0.2-AWQ')).toBe('mistral-7b-instruct-v0.2 by LOCAL_PATH_NAME');
    expect(match('GGUF', 'gguf:tiny-qwen.gguf')).toBe('none');
  });

  it('reads Ollama tags as the instruction-tuned model unless the tag says text or base', () => {
    expect(match('OLLAMA', 'ollama:qwen2.5:7b')).toBe('qwen2.5-7b-instruct by OLLAMA_TAG');
    expect(match('OLLAMA', 'ollama:qwen2.5:7b-instruct-q4_k_m')).toBe('qwen2.5-7b-instruct by OLLAMA_TAG');
    expect(match('OLLAMA', 'ollama:qwen2.5:7b-text')).toBe('qwen2.5-7b by OLLAMA_TAG');
    expect(match('OLLAMA', 'ollama:llama3.1:8b')).toBe('llama-3.1-8b-instruct by OLLAMA_TAG');
    expect(match('OLLAMA', 'ollama:gemma2:9b')).toBe('gemma-2-9b-it by OLLAMA_TAG');
    expect(match('OLLAMA', 'ollama:llama3.1:latest')).toBe(
      'none: the tag "latest" names no size; use a sized tag such as llama3.1:7b',
    );
    expect(match('OLLAMA', 'ollama:deepseek-r1:32b')).toBe('none');
    expect(match('OLLAMA', 'ollama:hf.co/bartowski/gemma-2-9b-it-gguf:q4_k_m')).toBe('gemma-2-9b-it by OLLAMA_TAG');
  });

  it('refuses to guess between several versions', () => {
    const twins = new InventoryIndex([model('a-7b', 'Same-7B', 'x', null), model('b-7b', 'Same-7B', 'y', null)]);
    expect(twins.match({ kind: 'VENDOR_API', reference: 'same-7b', sha256: null, fileName: null })).toEqual({
      model: null,
      matchedBy: null,
      hint: 'matches several model versions: a-7b (x), b-7b (y); register a more specific name',
    });
  });
});
