import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../findings.js';
import { compileRules, loadRules, mergeRules, readRulesFile, BUILT_IN_RULES_URL } from '../rules/load-rules.js';
import { parseRulesFile } from '../rules/load-rules.js';
import { prepareSampleRepo } from '../testing/sample-repo.js';
import { scanTree } from './scan-tree.js';

/** `file:line:column KIND reference [rule]`, plus ` (comment)` / ` (informational)`. */
const describeFinding = (f: Finding) =>
  `${f.file}:${f.line}:${f.column} ${f.kind} ${f.reference} [${f.ruleId}]${f.inComment ? ' (comment)' : ''}${f.informational ? ' (informational)' : ''}`;

/** Every reference in fixtures/sample-repo, and nothing else. */
const EXPECTED = [
  '.env.example:1:14 VENDOR_API openai:gpt-4.1 [openai-model]',
  '.env.example:2:14 OLLAMA ollama:qwen2.5:7b [ollama-setting]',
  '.env.example:3:13 HUGGING_FACE mistralai/Mistral-7B-Instruct-v0.2 [hf-model-setting]',
  '.env.example:4:28 VENDOR_API endpoint:api.anthropic.com [anthropic-endpoint] (informational)',
  'README.md:6:64 HUGGING_FACE Qwen/Qwen2.5-7B-Instruct [hf-hub-url]',
  'README.md:9:37 HUGGING_FACE tiiuae/falcon-7b [hf-hub-url] (comment)',
  'app/chat.py:6:28 OLLAMA ollama:llama3.1:8b [ollama-client]',
  'app/chat.py:8:45 VENDOR_API anthropic:claude-3-5-sonnet-20240620 [anthropic-model]',
  'app/chat.py:9:37 VENDOR_API endpoint:api.deepseek.com [deepseek-endpoint] (informational)',
  'app/chat.py:9:87 VENDOR_API deepseek:deepseek-reasoner [deepseek-model]',
  'app/chat.py:10:28 VENDOR_API openai:gpt-4o-mini [openai-model]',
  'app/chat.py:11:27 OLLAMA ollama:qwen2.5:7b [ollama-litellm]',
  'app/chat.py:13:16 VENDOR_API openai:gpt-4o [openai-model]',
  'app/train.py:6:15 HUGGING_FACE Qwen/Qwen2.5-7B-Instruct [hf-model-setting]',
  'app/train.py:8:47 HUGGING_FACE Qwen/Qwen2.5-7B-Instruct [hf-loader-call]',
  'app/train.py:10:51 HUGGING_FACE meta-llama/Llama-3.1-8B-Instruct [hf-loader-call] (comment)',
  'app/train.py:16:53 HUGGING_FACE distilbert/distilbert-base-uncased-finetuned-sst-2-english [hf-model-setting]',
  'config/models.yaml:3:10 HUGGING_FACE deepseek-ai/DeepSeek-R1 [hf-model-setting]',
  'config/models.yaml:4:15 HUGGING_FACE Qwen/Qwen2.5-7B-Instruct [hf-model-setting]',
  'config/models.yaml:7:16 HUGGING_FACE BAAI/bge-m3 [hf-model-setting]',
  'config/models.yaml:10:10 VENDOR_API openai:gpt-4o-2024-08-06 [openai-model]',
  'config/models.yaml:11:19 VENDOR_API openai:o3-mini [openai-reasoning-model]',
  'config/models.yaml:12:12 VENDOR_API mistral:mistral-large-latest [mistral-model] (comment)',
  'deploy/Dockerfile:3:18 VLLM_TGI Qwen/Qwen2.5-7B-Instruct [vllm-model-argument]',
  'deploy/docker-compose.yml:4:25 VLLM_TGI mistralai/Mistral-7B-Instruct-v0.2 [tgi-model-id]',
  'deploy/docker-compose.yml:8:74 OLLAMA ollama:llama3.1:8b [ollama-command]',
  'deploy/k8s/vllm-deployment.yaml:13:15 VLLM_TGI Qwen/Qwen2.5-7B-Instruct [vllm-model-argument]',
  'models/adapter.safetensors:1:1 WEIGHTS_FILE sha256:1a4755846319adf387c1abd5bc1fbc2507a280b2f0c6eeead75a6e9caeeb1b94 [weights-safetensors]',
  'models/lfs/model.safetensors:1:1 WEIGHTS_FILE sha256:4e2f6b1c9a7d3e5f8b0a2c4d6e8f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f [weights-lfs-pointer]',
  'models/tiny-qwen.gguf:1:1 WEIGHTS_FILE sha256:a4e5e156ddec27e286f75328784d7106b60a4eb1d246e950a001a3f944fbda99 [weights-gguf]',
  'ollama/Modelfile:1:6 OLLAMA ollama:qwen2.5:7b [ollama-modelfile]',
  'scripts/serve.sh:3:13 OLLAMA ollama:qwen2.5:7b [ollama-command]',
  'scripts/serve.sh:4:12 OLLAMA ollama:deepseek-r1:32b [ollama-command]',
  'scripts/serve.sh:5:12 VLLM_TGI meta-llama/Llama-3.1-8B-Instruct [vllm-serve]',
  'scripts/serve.sh:6:26 GGUF gguf:tiny-qwen.gguf [gguf-file-name]',
  'scripts/serve.sh:7:28 HUGGING_FACE bartowski/Qwen2.5-7B-Instruct-GGUF [hf-cli-download] (comment)',
  'scripts/serve.sh:7:63 GGUF gguf:Qwen2.5-7B-Instruct-Q4_K_M.gguf [gguf-file-name] (comment)',
  'web/src/assistant.ts:3:50 VENDOR_API endpoint:dashscope.aliyuncs.com [alibaba-dashscope-endpoint] (informational)',
  'web/src/assistant.ts:6:69 VENDOR_API alibaba:qwen-max [alibaba-dashscope-model]',
  'web/src/assistant.ts:8:26 VENDOR_API moonshot:kimi-k2-0711-preview [moonshot-model]',
  'web/src/assistant.ts:8:67 VENDOR_API endpoint:api.moonshot.cn [moonshot-endpoint] (informational)',
  'web/src/assistant.ts:9:25 VENDOR_API zhipu:glm-4-plus [zhipu-model]',
  'web/src/assistant.ts:11:59 VENDOR_API openai:gpt-4.1-mini [openai-model]',
];

describe('scanTree over the sample repository', () => {
  const rules = loadRules();
  let repo: Awaited<ReturnType<typeof prepareSampleRepo>>;
  beforeAll(async () => {
    repo = await prepareSampleRepo();
  });
  afterAll(() => repo.remove());

  it('reports exactly the expected findings: comments included, concatenations, look-alikes, prose and ignored paths left out', async () => {
    const result = await scanTree(repo.dir, { rules });
    expect(result.findings.map(describeFinding)).toEqual(EXPECTED);
    expect(result.skipped).toEqual([]);
    // 11 text files (README, .env.example, 2 Python, TypeScript, YAML, Dockerfile, compose, k8s, shell, Modelfile),
    // 4 weight candidates (the GGUF, two safetensors, and firmware.bin, which is not weights).
    expect({ filesScanned: result.filesScanned, weightCandidates: result.weightCandidates }).toEqual({
      filesScanned: 11,
      weightCandidates: 4,
    });
  });

  it('keeps the snippet, the weights size and the SHA-256 with each finding', async () => {
    const { findings } = await scanTree(repo.dir, { rules });
    expect(findings.find((f) => f.file === 'app/train.py' && f.line === 10)).toMatchObject({
      snippet: '# teacher = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")',
      provider: null,
      sha256: null,
    });
    expect(findings.find((f) => f.file === 'models/tiny-qwen.gguf')).toMatchObject({
      snippet: 'tiny-qwen.gguf (GGUF v3)',
      bytes: 24,
      sha256: 'a4e5e156ddec27e286f75328784d7106b60a4eb1d246e950a001a3f944fbda99',
    });
    expect(findings.find((f) => f.file === 'models/lfs/model.safetensors')).toMatchObject({ bytes: 15231233024 });
    expect(findings.find((f) => f.reference === 'openai:gpt-4o')).toMatchObject({ provider: 'openai', informational: false });
  });

  it('finds the same on worker threads as on this thread (the built worker script)', async () => {
    const workerScript = new URL('../../dist/scan/scan-worker.js', import.meta.url);
    const here = await scanTree(repo.dir, { rules, workers: 0 });
    const threads = await scanTree(repo.dir, { rules, workers: 2, workerScript });
    expect(threads.findings).toEqual(here.findings);
    expect({ ...threads, durationMs: 0 }).toEqual({ ...here, durationMs: 0 });
  });

  it('scans git-ignored paths when asked, but never node_modules, .git, .venv or build output', async () => {
    const { findings } = await scanTree(repo.dir, { rules, gitignore: false });
    const extra = findings.map(describeFinding).filter((line) => !EXPECTED.includes(line));
    // .modelgateignore is an ignore file too: legacy/ is scanned now.
    expect(extra).toEqual([
      'config/dev.local.yaml:1:8 HUGGING_FACE deepseek-ai/DeepSeek-V3 [hf-model-setting]',
      'legacy/old.py:2:36 HUGGING_FACE EleutherAI/gpt-j-6b [hf-loader-call]',
      'secrets/keys.env:1:14 VENDOR_API openai:gpt-4o-mini [openai-model]',
    ]);
  });
});

describe('scanTree edge cases', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'modelgate-scan-edge-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('skips text files over the size limit and binary files with a text extension, with a note each', async () => {
    const root = path.join(dir, 'sizes');
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, 'big.yaml'), `model: gpt-4o\n${'#'.repeat(2000)}\n`);
    await writeFile(path.join(root, 'small.yaml'), 'model: gpt-4o\n');
    await writeFile(path.join(root, 'blob.txt'), Buffer.from([0x6d, 0x6f, 0x64, 0x65, 0x6c, 0x00, 0x01]));
    const rules = compileRules(
      mergeRules(
        readRulesFile(BUILT_IN_RULES_URL),
        parseRulesFile({ formatVersion: 1, scan: { maxTextFileBytes: 1000 } }, 'test'),
      ),
    );
    const result = await scanTree(root, { rules });
    expect(result.findings.map((f) => `${f.file} ${f.reference}`)).toEqual(['small.yaml openai:gpt-4o']);
    expect(result.skipped).toEqual([
      { file: 'big.yaml', reason: 'TOO_LARGE', detail: '2015 bytes, over 1000' },
      { file: 'blob.txt', reason: 'BINARY', detail: 'contains NUL bytes' },
    ]);
  });

  it('reports a .bin only when it is large enough and starts like a checkpoint', async () => {
    const root = path.join(dir, 'bins');
    await mkdir(root, { recursive: true });
    const mib = 1024 * 1024;
    const random = Buffer.alloc(mib + 10, 7);
    await writeFile(path.join(root, 'firmware.bin'), random);
    // A torch.save zip: a local file header whose first entry is "archive/data.pkl".
    const name = Buffer.from('archive/data.pkl');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(name.length, 26);
    await writeFile(path.join(root, 'pytorch_model.bin'), Buffer.concat([header, name, Buffer.alloc(mib)]));
    await writeFile(path.join(root, 'tiny.bin'), Buffer.concat([header, name]));
    await writeFile(path.join(root, 'ggml-model.bin'), Buffer.concat([Buffer.from('tjgg', 'latin1'), Buffer.alloc(mib)]));
    await writeFile(path.join(root, 'not-really.gguf'), 'GGUX and some text');
    const result = await scanTree(root, { rules: loadRules() });
    expect(result.findings.map((f) => `${f.file} ${f.ruleId} ${f.bytes}`)).toEqual([
      `ggml-model.bin weights-ggml ${mib + 4}`,
      `pytorch_model.bin weights-pytorch-zip ${mib + 46}`,
    ]);
    expect(result.weightCandidates).toBe(5);
  });

  it('honours nested .gitignore files, including a deeper negation', async () => {
    const root = path.join(dir, 'nested');
    await mkdir(path.join(root, 'svc', 'generated'), { recursive: true });
    await writeFile(path.join(root, '.gitignore'), '*.yaml\n');
    await writeFile(path.join(root, 'svc', '.gitignore'), '!keep.yaml\ngenerated/\n');
    await writeFile(path.join(root, 'top.yaml'), 'model: gpt-4o\n');
    await writeFile(path.join(root, 'svc', 'keep.yaml'), 'model: claude-3-opus-20240229\n');
    await writeFile(path.join(root, 'svc', 'drop.yaml'), 'model: gemini-1.5-pro\n');
    await writeFile(path.join(root, 'svc', 'generated', 'x.py'), 'from_pretrained("google/gemma-7b")\n');
    const result = await scanTree(root, { rules: loadRules() });
    expect(result.findings.map((f) => `${f.file} ${f.reference}`)).toEqual(['svc/keep.yaml anthropic:claude-3-opus-20240229']);
  });
});
