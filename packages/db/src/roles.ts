import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The role migrations grant the application's privileges to (see the identity_and_audit migration). */
export const APP_ROLE = 'modelgate_app';
/** The login the embedded database and the tests give the running application. */
export const RUNTIME_LOGIN = 'modelgate_runtime';

/**
 * Creates (or re-keys) a login that holds only the application role, and returns its URL for the same
 * database. The application then runs without owning any table, so PostgreSQL itself refuses it
 * UPDATE, DELETE and TRUNCATE on the audit trail. Needs a URL with CREATEROLE (the owner/superuser).
 */
export async function ensureRuntimeLogin(ownerUrl: string, password = randomBytes(18).toString('base64url')): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const login = pg.escapeIdentifier(RUNTIME_LOGIN);
    const secret = pg.escapeLiteral(password);
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [RUNTIME_LOGIN]);
    await client.query(
      rowCount ? `ALTER ROLE ${login} WITH LOGIN PASSWORD ${secret}` : `CREATE ROLE ${login} WITH LOGIN PASSWORD ${secret}`,
    );
    await client.query(`GRANT ${pg.escapeIdentifier(APP_ROLE)} TO ${login}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = RUNTIME_LOGIN;
  url.password = password;
  return url.toString();
}

/** How well PostgreSQL itself protects the audit trail from the role behind `url`. */
export async function auditTrailProtection(url: string): Promise<'PRIVILEGES_AND_TRIGGERS' | 'TRIGGERS_ONLY'> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ can_change: boolean }>(
      `SELECT (r.rolsuper OR pg_has_role(current_user, c.relowner, 'USAGE')
               OR has_table_privilege(current_user, 'audit_event', 'UPDATE')
               OR has_table_privilege(current_user, 'audit_event', 'DELETE')
               OR has_table_privilege(current_user, 'audit_event', 'TRUNCATE')) AS can_change
       FROM pg_class c, pg_roles r WHERE c.oid = 'audit_event'::regclass AND r.rolname = current_user`,
    );
    return rows[0]?.can_change ? 'TRIGGERS_ONLY' : 'PRIVILEGES_AND_TRIGGERS';
  } finally {
    await client.end();
  }
}
