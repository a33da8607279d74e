import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../rules/load-rules.js';
import { scanText } from './text-scanner.js';

const rules = loadRules();
const refs = (text: string, file = 'sample.py') => scanText(text, file, rules).map((finding) => finding.reference);

describe('scanText: what counts as a model reference', () => {
  it.each([
    ['a Hugging Face loader call', 'm = AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")', ['Qwen/Qwen2.5-7B-Instruct']],
    ['a keyword argument of a loader', 'hf_hub_download(filename="a.txt", repo_id="org/name")', ['org/name']],
    ['snapshot_download over two lines', 'snapshot_download(\n    "deepseek-ai/DeepSeek-V3",\n)', ['deepseek-ai/DeepSeek-V3']],
    [
      'a transformers.js pipeline',
      "await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2')",
      ['Xenova/all-MiniLM-L6-v2'],
    ],
    ['a hub URL ending a sentence', 'See https://huggingface.co/google/gemma-2-9b-it.', ['google/gemma-2-9b-it']],
    [
      'a hub file URL',
      'https://hf.co/Qwen/Qwen2.5-7B-Instruct-GGUF/resolve/main/x.gguf',
      ['Qwen/Qwen2.5-7B-Instruct-GGUF', 'gguf:x.gguf'],
    ],
    ['the hf-mirror.com mirror', 'HF_ENDPOINT=https://hf-mirror.com/THUDM/glm-4-9b-chat', ['THUDM/glm-4-9b-chat']],
    ['a vendor name in a JSON setting', '{ "model": "gpt-4o-mini-2024-07-18" }', ['openai:gpt-4o-mini-2024-07-18']],
    [
      'a Bedrock id, normalised',
      'modelId = "anthropic.claude-3-5-sonnet-20240620-v1:0"',
      ['anthropic:claude-3-5-sonnet-20240620'],
    ],
    ['a Vertex AI id, normalised', 'model: claude-3-7-sonnet@20250219', ['anthropic:claude-3-7-sonnet-20250219']],
    [
      'Claude 4 names',
      "['claude-sonnet-4-20250514', 'claude-opus-4-1']",
      ['anthropic:claude-sonnet-4-20250514', 'anthropic:claude-opus-4-1'],
    ],
    ['a Gemini REST name', 'model="models/gemini-2.0-flash"', ['google:gemini-2.0-flash']],
    ['an OpenRouter-style name', "model: 'anthropic/claude-3.5-sonnet'", ['anthropic:claude-3.5-sonnet']],
    ['a DashScope model', 'model="qwen-plus-latest"', ['alibaba:qwen-plus-latest']],
    ['an Ollama tag with a quantization', 'ollama run qwen2.5:7b-instruct-q4_K_M', ['ollama:qwen2.5:7b-instruct-q4_k_m']],
    [
      'an Ollama run of a hub GGUF',
      'ollama run hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M',
      ['ollama:hf.co/bartowski/llama-3.2-1b-instruct-gguf:q4_k_m'],
    ],
    ['an Ollama JavaScript call', "await ollama.generate({ model: 'gemma2:9b', prompt })", ['ollama:gemma2:9b']],
    ['a vLLM Python engine', 'from vllm import LLM\nllm = LLM(model="microsoft/phi-4")', ['microsoft/phi-4']],
    ['a vLLM local path', 'vllm serve /models/Qwen2.5-7B-Instruct --port 8000', ['/models/Qwen2.5-7B-Instruct']],
  ])('finds %s', (_, text, expected) => {
    expect(refs(text)).toEqual(expected);
  });

  it.each([
    ['string concatenation', 'from_pretrained("Qwen/" + size)\nname = "gpt-4o" + suffix\nx = prefix + "claude-3-opus-20240229"'],
    ['an f-string with a placeholder', 'from_pretrained(f"Qwen/Qwen2.5-{size}B-Instruct")'],
    ['a template literal', 'const id = `Qwen/Qwen2.5-${size}B`; load({ model: `meta-llama/${name}` })'],
    ['look-alike names', 'a = "gpt-4o-like"\nb = "my-claude-notes.md"\nc = "gemini-notes"\nd = "mistral"'],
    ['vendor names in prose', 'We compared gpt-4o and claude-3-5-sonnet-20240620 with mistral-large-latest.'],
    ['animals and winds', 'The llama grazed while the mistral blew.'],
    ['a bare "o1" that is not a model setting', 'options = ["o1", "o3"]'],
    ['a local folder in a model setting', 'model_path: models/llama\nmodel_dir = "checkpoints/run-7"'],
    ['documentation URLs on the hub', 'https://huggingface.co/docs/transformers and https://huggingface.co/datasets/org/set'],
    ['a glob of GGUF files', 'huggingface-cli download org/repo --include "*Q4_K_M.gguf"'],
    ['--model outside a vLLM file', 'python train.py --model Qwen/Qwen2.5-7B'],
  ])('leaves out %s', (_, text) => {
    expect(refs(text).filter((ref) => ref !== 'org/repo')).toEqual([]);
  });

  it('marks a reference in a comment, by the comment markers of the file type', () => {
    const inComment = (text: string, file: string) => scanText(text, file, rules).map((finding) => finding.inComment);
    expect(inComment('# model: gpt-4o\nmodel: gpt-4o-mini', 'a.yaml')).toEqual([true, false]);
    expect(inComment('// const m = "gpt-4o";', 'a.ts')).toEqual([true]);
    expect(inComment(' * model: "gpt-4o"', 'a.ts')).toEqual([true]);
    expect(inComment('* Uses https://huggingface.co/org/name', 'README.md')).toEqual([false]);
    expect(inComment('<!-- https://huggingface.co/org/name -->', 'README.md')).toEqual([true]);
    expect(inComment('  --model Qwen/Qwen2.5-7B  # vllm', 'run.sh')).toEqual([false]);
  });

  it("runs only the rules whose keywords occur in the file (a rule's requires too)", () => {
    // "--model" without "vllm" anywhere in the file: the vLLM rule does not run.
    expect(refs('exec server --model Qwen/Qwen2.5-7B', 'run.sh')).toEqual([]);
    expect(refs('# vllm\nexec server --model Qwen/Qwen2.5-7B', 'run.sh')).toEqual(['Qwen/Qwen2.5-7B']);
    // A Modelfile rule reads Modelfiles only.
    expect(refs('FROM llama3.1:8b', 'Dockerfile')).toEqual([]);
    expect(refs('FROM llama3.1:8b', 'Modelfile')).toEqual(['ollama:llama3.1:8b']);
  });

  it('reports a reference once per line, for the first rule, and keeps long lines short', () => {
    const [finding, ...rest] = scanText(`x = 1; ${'y '.repeat(200)}; model = "gpt-4o"; other = 'gpt-4o'`, 'a.py', rules);
    expect(rest).toEqual([]);
    expect(finding!.snippet.length).toBeLessThanOrEqual(200);
    expect(finding!.snippet).toContain('model = "gpt-4o"');
    expect(finding!.snippet.startsWith('…')).toBe(true);
  });

  it('counts columns in UTF-16 code units and lines across CRLF', () => {
    const [finding] = scanText('# Ünïcødé 🙂\r\nmodel = "gpt-4o"\r\n', 'a.py', rules);
    expect(finding).toMatchObject({ line: 2, column: 10, snippet: 'model = "gpt-4o"' });
    const [emoji] = scanText('m = "🙂"; model = "gpt-4o"', 'a.py', rules);
    expect(emoji!.column).toBe(20);
  });

  it('stays linear on hostile input: long runs of keywords, quotes, tokens and parentheses', () => {
    const hostile = [
      'model'.repeat(200_000),
      `"${' '.repeat(50)}+ `.repeat(20_000),
      `${'a'.repeat(500_000)} x.gguf`,
      `ollama.chat(${'x '.repeat(300_000)}`,
      `model: ${'a/'.repeat(300_000)}`,
      `from_pretrained("${'a.'.repeat(300_000)}")`,
    ];
    // About 0.2 s in all here; a catastrophic pattern would run for minutes and hit the test's timeout.
    const findings = hostile.map((text) => scanText(text, 'a.js', rules).length);
    // Only the GGUF file name at the end of the long run is a reference.
    expect(findings).toEqual([0, 0, 1, 0, 0, 0]);
  });
});
