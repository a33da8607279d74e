import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { prepareSampleRepo } from '@modelgate/discovery/testing';
import { CliError } from './api-client.js';
import { formatJson, formatText, scanCommand } from './scan.js';

describe('modelgate scan, offline', () => {
  let repo: Awaited<ReturnType<typeof prepareSampleRepo>>;
  beforeAll(async () => {
    repo = await prepareSampleRepo();
  });
  afterAll(() => repo.remove());

  it('lists every reference as not checked; each fails --fail-on unapproved and unknown, none with --fail-on none', async () => {
    const { report, format } = await scanCommand(null, repo.dir, { offline: true });
    expect(format).toBe('text');
    expect(report.exitCode).toBe(1);
    expect(report.failing).toHaveLength(report.result.findings.filter((f) => !f.informational).length);
    const text = formatText(report);
    expect(text).toContain('Offline: not checked against the inventory.');
    expect(text).toContain('NOT CHECKED (offline) (31)');
    expect(text).toContain('  Qwen/Qwen2.5-7B-Instruct  [Hugging Face repository]\n    README.md:6:64\n    app/train.py:6:15\n');
    expect(text).toContain('    app/train.py:10:51 (in a comment)');
    expect(text).toContain('VENDOR ENDPOINTS (informational) (4)');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Result: 31 model references (39 places) fail --fail-on unapproved, exit code 1.',
    );
    expect((await scanCommand(null, repo.dir, { offline: true, failOn: 'unknown' })).report.exitCode).toBe(1);
    const none = await scanCommand(null, repo.dir, { offline: true, failOn: 'NONE', format: 'json' });
    expect(none.report.exitCode).toBe(0);
    const json = JSON.parse(formatJson(none.report)) as { summary: Record<string, number>; context: { environment: string } };
    expect(json.summary).toEqual({ NOT_CHECKED: 39, INFORMATIONAL: 4 });
    expect(json.context.environment).toBe('PRODUCTION');
  });

  it('refuses unknown options and a missing folder with a usage error (exit code 2)', async () => {
    await expect(scanCommand(null, repo.dir, { offline: true, env: 'prod' })).rejects.toEqual(
      new CliError('--env must be one of development, staging, production (got "prod")'),
    );
    await expect(scanCommand(null, `${repo.dir}/missing`, { offline: true })).rejects.toThrow('is not a folder to scan');
    await expect(scanCommand(null, repo.dir, { offline: true, rules: `${repo.dir}/.env.example` })).rejects.toThrow(
      /^the rules file cannot be used: .*\.env\.example: field "\(root\)": /,
    );
  });
});
