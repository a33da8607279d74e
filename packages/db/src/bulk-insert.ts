/** What bulkInsert needs of a Prisma client or transaction. */
export type RawSqlExecutor = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };

const FIELD = /^[a-zA-Z][a-zA-Z0-9]*$/;
const TABLE = /^[a-z][a-z0-9_]*$/;
const ROWS_PER_STATEMENT = 5_000;

/** The column of a Prisma field, by the schema's convention: `providerId` is stored as `provider_id`. */
export const columnOf = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const bigintAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

// Top-level bigints are converted while the rows are mapped to columns; the replacer, several times slower on
// large batches, is only needed when one is nested inside a JSON value (JSON.stringify throws on those).
function toJson(rows: readonly Record<string, unknown>[]): string {
  try {
    return JSON.stringify(rows);
  } catch {
    return JSON.stringify(rows, bigintAsText);
  }
}

/**
 * Inserts many rows with one statement per 5,000: the rows travel as one JSON parameter that PostgreSQL turns into
 * records of the table's own row type (`jsonb_populate_recordset`), so enums, arrays, dates and JSON are converted by
 * the table's column types. About ten times faster than Prisma's createMany for wide rows.
 *
 * Rows use Prisma's field names (camelCase, mapped to snake_case columns). Fields left undefined are left out so the
 * column's default applies; rows with different sets of fields are inserted in separate statements. Prisma's
 * `@updatedAt` has no database default: callers set it.
 */
export async function bulkInsert(db: RawSqlExecutor, table: string, rows: readonly Record<string, unknown>[]): Promise<number> {
  if (!TABLE.test(table)) throw new Error(`bulkInsert: "${table}" is not a table name`);
  const byShape = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const shape = Object.keys(row)
      .filter((field) => row[field] !== undefined)
      .sort()
      .join(',');
    const group = byShape.get(shape);
    if (group) group.push(row);
    else byShape.set(shape, [row]);
  }
  let inserted = 0;
  for (const [shape, group] of byShape) {
    const fields = shape.split(',').filter(Boolean);
    const bad = fields.find((field) => !FIELD.test(field));
    if (bad) throw new Error(`bulkInsert: "${bad}" is not a field name`);
    const columnNames = fields.map(columnOf);
    const columns = columnNames.map((column) => `"${column}"`).join(', ');
    const statement = `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`;
    for (let start = 0; start < group.length; start += ROWS_PER_STATEMENT) {
      const chunk = group.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
        const record: Record<string, unknown> = {};
        fields.forEach((field, index) => {
          const value = row[field];
          record[columnNames[index]!] = typeof value === 'bigint' ? value.toString() : value;
        });
        return record;
      });
      inserted += await db.$executeRawUnsafe(statement, toJson(chunk));
    }
  }
  return inserted;
}
