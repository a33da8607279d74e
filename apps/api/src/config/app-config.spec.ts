import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded database on port 4000 with demo data', () => {
    const config = loadConfig({});
    expect(config.http).toMatchObject({ port: 4000, host: '127.0.0.1' });
    expect(config.database.mode).toBe('embedded');
    expect(config.seedDemoData).toBe(true);
    expect(config.env).toBe('production');
  });

  it('uses DATABASE_URL when set, and then seeds no demo data unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/modelgate', PORT: '8080' });
    expect(config.database).toEqual({
      mode: 'external',
      url: 'postgresql://u:p@db:5432/modelgate',
      migrationUrl: 'postgresql://u:p@db:5432/modelgate',
      poolSize: 10,
    });
    expect(config.http.port).toBe(8080);
    expect(config.seedDemoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.mode).toBe('embedded');
  });

  it('names the setting and the reason for a port out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT: must be between 1 and 65535 (got "70000")']);
  });

  it('names the setting for a non-numeric port', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT: must be a number (got "abc")']);
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL without echoing it (it may hold a password)', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:secret@db/x' });
    expect(problems).toEqual(['DATABASE_URL: must be a postgresql:// connection URL']);
    expect(problems.join()).not.toContain('secret');
  });

  it('reports every bad setting at once', () => {
    const problems = problemsOf({ LOG_LEVEL: 'loud', SEED_DEMO_DATA: 'maybe', TRUST_PROXY: 'perhaps' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'SEED_DEMO_DATA', 'TRUST_PROXY']);
    expect(problems.find((p) => p.startsWith('SEED_DEMO_DATA'))).toBe(
      'SEED_DEMO_DATA: must be auto, true or false (got "maybe")',
    );
  });

  it('produces a message fit for a terminal', () => {
    expect(() => loadConfig({ PORT: '0' })).toThrow('Invalid configuration:\n  - PORT: must be between 1 and 65535 (got "0")');
  });

  it('defaults to same-origin only and 600 requests a minute per caller', () => {
    expect(loadConfig({}).security).toEqual({ corsOrigins: [], rateLimit: { max: 600, windowMs: 60_000 } });
  });

  it('reads CORS_ORIGINS as a comma-separated list of origins', () => {
    const config = loadConfig({ CORS_ORIGINS: ' https://admin.example.com, http://localhost:5173 ,' });
    expect(config.security.corsOrigins).toEqual(['https://admin.example.com', 'http://localhost:5173']);
  });

  it.each(['https://admin.example.com/', 'https://admin.example.com/app', '*', 'admin.example.com', 'ftp://files.example.com'])(
    'rejects %s as a CORS origin',
    (origin) => {
      expect(problemsOf({ CORS_ORIGINS: `https://ok.example.com,${origin}` })).toEqual([
        `CORS_ORIGINS: must be a comma-separated list of origins such as https://admin.example.com (no path, no trailing slash) (got "https://ok.example.com,${origin}")`,
      ]);
    },
  );

  it('reads the rate limit and rejects nonsense', () => {
    expect(loadConfig({ RATE_LIMIT_MAX: '100', RATE_LIMIT_WINDOW_MS: '1000' }).security.rateLimit).toEqual({
      max: 100,
      windowMs: 1000,
    });
    expect(problemsOf({ RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW_MS: 'soon' }).map((p) => p.split(':')[0])).toEqual([
      'RATE_LIMIT_MAX',
      'RATE_LIMIT_WINDOW_MS',
    ]);
  });
});
