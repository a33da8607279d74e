import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repositoryFromRemote, uploadTarget } from './scan-upload.js';

describe('where an uploaded scan comes from', () => {
  const notAGitFolder = mkdtempSync(path.join(os.tmpdir(), 'modelgate-upload-'));

  it('reads git remotes in their usual shapes', () => {
    expect(repositoryFromRemote('git@github.com:acme/support-bot.git')).toBe('github.com/acme/support-bot');
    expect(repositoryFromRemote('https://ci:secret@gitlab.example.com/ml/bot.git')).toBe('gitlab.example.com/ml/bot');
    expect(repositoryFromRemote('ssh://git@git.example.com/acme/bot/')).toBe('git.example.com/acme/bot');
  });

  it('prefers the options, then GitHub Actions, then GitLab CI', () => {
    const github = { GITHUB_REPOSITORY: 'acme/bot', GITHUB_REF_NAME: 'main', GITHUB_SHA: 'abc1234' };
    expect(uploadTarget(notAGitFolder, {}, github)).toEqual({
      repository: 'github.com/acme/bot',
      branch: 'main',
      commit: 'abc1234',
    });
    expect(uploadTarget(notAGitFolder, { repository: 'mine', commit: 'def5678' }, github)).toEqual({
      repository: 'mine',
      branch: 'main',
      commit: 'def5678',
    });
    const gitlab = { CI_PROJECT_URL: 'https://gitlab.example.com/ml/bot', CI_COMMIT_REF_NAME: 'dev', CI_COMMIT_SHA: 'fff0000' };
    expect(uploadTarget(notAGitFolder, {}, gitlab)).toEqual({
      repository: 'gitlab.example.com/ml/bot',
      branch: 'dev',
      commit: 'fff0000',
    });
  });

  it('refuses an upload that names no repository', () => {
    expect(() => uploadTarget(notAGitFolder, {}, {})).toThrow('--upload needs --repository NAME');
  });
});
