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

  it('reads reports from the primary unless DATABASE_REPLICA_URL names a replica', () => {
    expect(loadConfig({}).reports.replicaUrl).toBeNull();
    const replicaUrl = 'postgresql://modelgate:secret@replica.internal:5432/modelgate';
    expect(loadConfig({ DATABASE_REPLICA_URL: replicaUrl }).reports.replicaUrl).toBe(replicaUrl);
    const problems = problemsOf({ DATABASE_REPLICA_URL: 'mysql://root:secret@replica/modelgate' });
    expect(problems).toEqual(['DATABASE_REPLICA_URL: must be a postgresql:// connection URL']);
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

  it('leaves single sign-on off unless OIDC_ISSUER_URL is set', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('reads the OIDC settings with their defaults and parses the group mappings', () => {
    const config = loadConfig({
      PORT: '8080',
      OIDC_ISSUER_URL: 'https://idp.example.com/realms/main',
      OIDC_CLIENT_ID: 'modelgate',
      OIDC_ROLE_MAPPING: 'modelgate-admins=ADMIN, grc=COMPLIANCE_OFFICER,grc=AUDITOR',
      OIDC_TEAM_MAPPING: 'ml-platform=platform',
    });
    expect(config.oidc).toEqual({
      issuerUrl: 'https://idp.example.com/realms/main',
      clientId: 'modelgate',
      clientSecret: null,
      redirectUrl: 'http://localhost:8080/auth/oidc/callback',
      scopes: ['openid', 'email', 'profile', 'groups'],
      groupsClaim: 'groups',
      roleMapping: [
        { group: 'modelgate-admins', role: 'ADMIN' },
        { group: 'grc', role: 'COMPLIANCE_OFFICER' },
        { group: 'grc', role: 'AUDITOR' },
      ],
      teamMapping: [{ group: 'ml-platform', teamSlug: 'platform' }],
      displayName: 'Single sign-on',
    });
  });

  it('names each bad OIDC setting, and never echoes the client secret', () => {
    const problems = problemsOf({
      OIDC_ISSUER_URL: 'idp.example.com',
      OIDC_CLIENT_ID: 'modelgate',
      OIDC_CLIENT_SECRET: 'hunter2',
      OIDC_REDIRECT_URL: 'https://modelgate.example.com/callback',
      OIDC_SCOPES: 'email profile',
      OIDC_ROLE_MAPPING: 'admins=SUPERUSER',
      OIDC_TEAM_MAPPING: 'ml=Not A Slug',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'OIDC_ISSUER_URL',
      'OIDC_REDIRECT_URL',
      'OIDC_SCOPES',
      'OIDC_ROLE_MAPPING',
      'OIDC_TEAM_MAPPING',
    ]);
    expect(problems.find((p) => p.startsWith('OIDC_ROLE_MAPPING'))).toContain('"admins=SUPERUSER" must be group=ROLE');
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('requires OIDC_ISSUER_URL and OIDC_CLIENT_ID together', () => {
    expect(problemsOf({ OIDC_ISSUER_URL: 'https://idp.example.com' })).toEqual([
      'OIDC_CLIENT_ID: must be set when OIDC_ISSUER_URL is set',
    ]);
    expect(problemsOf({ OIDC_CLIENT_ID: 'modelgate' })).toEqual(['OIDC_ISSUER_URL: must be set when OIDC_CLIENT_ID is set']);
  });
});
