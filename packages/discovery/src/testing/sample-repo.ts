import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `fixtures/sample-repo`, resolved from this module's folder (`src/testing/` in tests, `dist/testing/` when built). */
export const SAMPLE_REPO_DIR = fileURLToPath(new URL('../../fixtures/sample-repo', import.meta.url));

/**
 * Files that git cannot hold in the fixture (a `.git` folder, `node_modules`, paths the fixture's own
 * .gitignore excludes, an ignored `build` output), each naming a model the scan must NOT report.
 */
export const NEVER_SCANNED: Record<string, string> = {
  '.git/config': '[remote "origin"]\n  url = https://huggingface.co/Qwen/Qwen2.5-72B-Instruct\n',
  'node_modules/chat-sdk/index.js': "export const DEFAULT_MODEL = 'gpt-4o';\nfrom_pretrained('google/gemma-2-9b-it');\n",
  'web/node_modules/ui-kit/config.json': '{ "model": "claude-3-opus-20240229" }\n',
  '.venv/lib/site.py': 'AutoModel.from_pretrained("microsoft/phi-4")\n',
  'build/bundle.js': 'const m = { model: "gemini-2.0-flash" };\n',
  'secrets/keys.env': 'OPENAI_MODEL=gpt-4o-mini\n',
  'config/dev.local.yaml': 'model: deepseek-ai/DeepSeek-V3\n',
};

/** A copy of the sample repository in a temporary folder, completed with {@link NEVER_SCANNED}. */
export async function prepareSampleRepo(): Promise<{ dir: string; remove(): Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'modelgate-scan-'));
  const dir = path.join(parent, 'sample-repo');
  await cp(SAMPLE_REPO_DIR, dir, { recursive: true });
  for (const [file, content] of Object.entries(NEVER_SCANNED)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}
