import path from 'node:path';
import { repositoryRoot } from '@modelgate/db/paths';
import { roleSchema, type Role } from '@modelgate/domain/auth';
import { z } from 'zod';

const booleanSetting = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const portSetting = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** An origin exactly as browsers send it in the Origin header: scheme, host and port only. */
function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
}

const originListSetting = z.string().transform((value, ctx) => {
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  if (!origins.every(isOrigin)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a comma-separated list of origins such as https://admin.example.com (no path, no trailing slash)',
    });
  }
  return origins;
});

/** `group=value,group=value`: an identity-provider group to a value checked by `valueSchema`. */
const groupMappingSetting = <T extends string>(valueSchema: z.ZodType<T>, expected: string) =>
  z.string().transform((text, ctx) => {
    const pairs: Array<{ group: string; value: T }> = [];
    for (const item of text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')) {
      const separator = item.lastIndexOf('=');
      const group = item.slice(0, separator).trim();
      const parsed = valueSchema.safeParse(item.slice(separator + 1).trim());
      if (separator <= 0 || group === '' || !parsed.success) {
        ctx.addIssue({ code: 'custom', message: `"${item}" must be group=${expected}` });
        return z.NEVER;
      }
      pairs.push({ group, value: parsed.data });
    }
    return pairs;
  });

const teamSlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** Every setting Modelgate reads, with its default. Nothing else in the code reads process.env. */
const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: portSetting.default(4000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// connection URL' }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(10),
    MODELGATE_DATA_DIR: z.string().min(1).default(path.join(repositoryRoot, '.data')),
    EMBEDDED_PG_PORT: portSetting.default(54329),
    SEED_DEMO_DATA: z.enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' }).default('auto'),
    ADMIN_DIST_DIR: z
      .string()
      .min(1)
      .default(path.join(repositoryRoot, 'apps', 'admin', 'dist')),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(100).max(600_000).default(10_000),
    GRAPHQL_MAX_DEPTH: z.coerce.number({ error: 'must be a number' }).int().min(2).max(50).default(12),
    TRUST_PROXY: booleanSetting.default(false),
    MIGRATE_ON_START: booleanSetting.default(true),
    DATABASE_MIGRATION_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// connection URL' }).optional(),
    DATABASE_REPLICA_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// connection URL' }).optional(),
    SESSION_TTL_HOURS: z.coerce.number({ error: 'must be a number' }).min(0.1).max(720).default(12),
    LOCAL_ACCOUNTS_ENABLED: booleanSetting.default(true),
    AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
    REPORTS_DIR: z.string().min(1).optional(),
    AUDIT_CHECKPOINT_INTERVAL_MINUTES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10_080).default(60),
    JOBS_ENABLED: booleanSetting.default(true),
    JOBS_POLLING_INTERVAL_SECONDS: z.coerce.number({ error: 'must be a number' }).min(0.5).max(600).default(2),
    WEBHOOK_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(100).max(60_000).default(5_000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(20).default(8),
    WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(3_600).default(30),
    CORS_ORIGINS: originListSetting.default([]),
    RATE_LIMIT_MAX: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1_000_000).default(600),
    RATE_LIMIT_WINDOW_MS: z.coerce.number({ error: 'must be a number' }).int().min(1_000).max(86_400_000).default(60_000),
    OIDC_ISSUER_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://idp.example.com' }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_REDIRECT_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /auth/oidc/callback' })
      .refine(
        (value) => new URL(value).pathname === '/auth/oidc/callback',
        'must be an http(s) URL ending in /auth/oidc/callback',
      )
      .optional(),
    OIDC_SCOPES: z
      .string()
      .transform((value) => value.split(/\s+/).filter((scope) => scope !== ''))
      .refine((scopes) => scopes.includes('openid'), 'must be space-separated scopes including openid')
      .default(['openid', 'email', 'profile', 'groups']),
    OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
    OIDC_ROLE_MAPPING: groupMappingSetting<Role>(roleSchema, `ROLE with ROLE one of ${roleSchema.options.join(', ')}`).default(
      [],
    ),
    OIDC_TEAM_MAPPING: groupMappingSetting(teamSlugSchema, 'team-slug (lower-case letters, digits and dashes)').default([]),
    OIDC_DISPLAY_NAME: z.string().min(1).max(60).default('Single sign-on'),
  })
  .superRefine((e, ctx) => {
    if (e.OIDC_ISSUER_URL && !e.OIDC_CLIENT_ID)
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'must be set when OIDC_ISSUER_URL is set' });
    if (!e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID)
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER_URL'], message: 'must be set when OIDC_CLIENT_ID is set' });
  });

export type OidcConfig = {
  issuerUrl: string;
  clientId: string;
  /** Absent for a public client (PKCE only). */
  clientSecret: string | null;
  redirectUrl: string;
  scopes: readonly string[];
  groupsClaim: string;
  roleMapping: ReadonlyArray<{ group: string; role: Role }>;
  teamMapping: ReadonlyArray<{ group: string; teamSlug: string }>;
  displayName: string;
};

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number; trustProxy: boolean; shutdownTimeoutMs: number };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  database:
    | { mode: 'external'; url: string; migrationUrl: string; poolSize: number }
    | { mode: 'embedded'; dataDir: string; port: number; poolSize: number };
  /** Seed demo data when the database has none: `auto` means only on the embedded database. */
  seedDemoData: boolean;
  /** Apply pending migrations before serving (`prisma migrate deploy`). */
  migrateOnStart: boolean;
  adminDistDir: string;
  graphql: { maxDepth: number };
  audit: {
    /** PEM file of the instance's Ed25519 key that signs checkpoints; created on first use. */
    signingKeyFile: string;
    /** Sign a checkpoint of the chain head this often (0: only on demand). */
    checkpointIntervalMinutes: number;
  };
  reports: {
    /** Where export bundles are written and kept for download (shared storage when several instances run). */
    directory: string;
    /**
     * A streaming (hot standby) replica the reports read their snapshot from; null: they read the primary.
     * Everything else, writes included, stays on the primary.
     */
    replicaUrl: string | null;
  };
  jobs: {
    /** Run background jobs (expiry, re-reviews, reminders, webhook deliveries) in this process. */
    enabled: boolean;
    pollingIntervalSeconds: number;
  };
  webhooks: {
    timeoutMs: number;
    /** Attempts per delivery, the first included, before it is marked FAILED. */
    maxAttempts: number;
    /** Delay before the first retry; each later retry waits twice as long as the one before. */
    retryDelaySeconds: number;
  };
  auth: {
    /** How long a browser session lasts after sign-in. */
    sessionTtlHours: number;
    /** E-mail and password sign-in; turn off when single sign-on is the only way in. */
    localAccountsEnabled: boolean;
  };
  /** Single sign-on with an OpenID Connect provider; null when OIDC_ISSUER_URL is unset. */
  oidc: OidcConfig | null;
  security: {
    /** Other origins allowed to call the API from a browser (CORS); empty means same-origin only. */
    corsOrigins: readonly string[];
    /** Requests per caller (principal, else client IP) per window; /healthz and /readyz are exempt. */
    rateLimit: { max: number; windowMs: number };
  };
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once at boot; throws a ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = present[name];
        const shown = value === undefined || name.startsWith('DATABASE_') || name.endsWith('_SECRET') ? '' : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const database: AppConfig['database'] = e.DATABASE_URL
    ? {
        mode: 'external',
        url: e.DATABASE_URL,
        migrationUrl: e.DATABASE_MIGRATION_URL ?? e.DATABASE_URL,
        poolSize: e.DATABASE_POOL_SIZE,
      }
    : { mode: 'embedded', dataDir: path.resolve(e.MODELGATE_DATA_DIR), port: e.EMBEDDED_PG_PORT, poolSize: e.DATABASE_POOL_SIZE };
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT, trustProxy: e.TRUST_PROXY, shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    log: { level: e.LOG_LEVEL },
    database,
    seedDemoData: e.SEED_DEMO_DATA === 'auto' ? database.mode === 'embedded' : e.SEED_DEMO_DATA === 'true',
    migrateOnStart: e.MIGRATE_ON_START,
    adminDistDir: path.resolve(e.ADMIN_DIST_DIR),
    graphql: { maxDepth: e.GRAPHQL_MAX_DEPTH },
    audit: {
      signingKeyFile: path.resolve(e.AUDIT_SIGNING_KEY_FILE ?? path.join(e.MODELGATE_DATA_DIR, 'audit-signing-key.pem')),
      checkpointIntervalMinutes: e.AUDIT_CHECKPOINT_INTERVAL_MINUTES,
    },
    reports: {
      directory: path.resolve(e.REPORTS_DIR ?? path.join(e.MODELGATE_DATA_DIR, 'reports')),
      replicaUrl: e.DATABASE_REPLICA_URL ?? null,
    },
    jobs: { enabled: e.JOBS_ENABLED, pollingIntervalSeconds: e.JOBS_POLLING_INTERVAL_SECONDS },
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryDelaySeconds: e.WEBHOOK_RETRY_DELAY_SECONDS,
    },
    auth: { sessionTtlHours: e.SESSION_TTL_HOURS, localAccountsEnabled: e.LOCAL_ACCOUNTS_ENABLED },
    oidc:
      e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID
        ? {
            issuerUrl: e.OIDC_ISSUER_URL,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET ?? null,
            redirectUrl: e.OIDC_REDIRECT_URL ?? `http://localhost:${e.PORT}/auth/oidc/callback`,
            scopes: e.OIDC_SCOPES,
            groupsClaim: e.OIDC_GROUPS_CLAIM,
            roleMapping: e.OIDC_ROLE_MAPPING.map(({ group, value }) => ({ group, role: value })),
            teamMapping: e.OIDC_TEAM_MAPPING.map(({ group, value }) => ({ group, teamSlug: value })),
            displayName: e.OIDC_DISPLAY_NAME,
          }
        : null,
    security: {
      corsOrigins: e.CORS_ORIGINS,
      rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS },
    },
  };
}
