export type MigrationRecord = {
  name: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
};

export type MigrationState = {
  applied: string[];
  pending: string[];
  failed: string[];
  /** Applied in the database but unknown to this build (the database is newer than the code). */
  unknown: string[];
  upToDate: boolean;
};

/**
 * Compares the migrations shipped with this build against the database's `_prisma_migrations`
 * records. The database is ready only when every shipped migration finished and none failed.
 */
export function compareMigrations(shipped: readonly string[], records: readonly MigrationRecord[]): MigrationState {
  const finished = new Set(records.filter((r) => r.finishedAt && !r.rolledBackAt).map((r) => r.name));
  const failed = [...new Set(records.filter((r) => !r.finishedAt && !r.rolledBackAt).map((r) => r.name))]
    .filter((name) => !finished.has(name))
    .sort();
  const shippedSet = new Set(shipped);
  const applied = shipped.filter((name) => finished.has(name));
  const pending = shipped.filter((name) => !finished.has(name) && !failed.includes(name));
  const unknown = [...finished].filter((name) => !shippedSet.has(name)).sort();
  return { applied, pending, failed, unknown, upToDate: pending.length === 0 && failed.length === 0 };
}
