/**
 * Deciding what became of a migration whose run was interrupted (the process applying it was killed): its row in
 * `_prisma_migrations` has neither `finished_at` nor `rolled_back_at`, and Prisma refuses to go on (P3009).
 *
 * Prisma sends each migration file to PostgreSQL as one multi-statement query, which PostgreSQL runs as one implicit
 * transaction: all of it commits or none of it does, unless the file itself ends or opens transactions, or holds a
 * command that cannot run in a transaction block. Which of the two happened shows in the schema: the objects the
 * file creates exist, and those it drops are gone, exactly when it committed. This module reads a script for such
 * traces ("witnesses") and judges from what the database shows. Plain TypeScript, no database access.
 */

/** Something a migration leaves in the catalog, checked with one boolean SQL expression. */
export type SchemaWitness = {
  /** For people: `table "approval_request"`. */
  label: string;
  /** A boolean SQL expression, true when the object exists now. */
  existsSql: string;
  /** Whether the object exists after the script committed (created) or not (dropped). */
  presentWhenApplied: boolean;
  /** Normalised names the witness depends on (object, and table for columns and constraints). */
  names: string[];
};

export type ScriptWitnesses = {
  /** Why the script may not be one transaction (then nothing can be concluded), or null. */
  notAtomic: string | null;
  witnesses: SchemaWitness[];
};

export type WitnessObservation = { witness: SchemaWitness; present: boolean };

export type InterruptedMigrationVerdict =
  { outcome: 'APPLIED' | 'NOT_APPLIED'; evidence: string } | { outcome: 'UNKNOWN'; reason: string };

/**
 * Splits a script into its top-level statements, without comments. String literals, quoted identifiers and
 * dollar-quoted bodies (`$$ ... ; ... $$`) are kept whole, so a `;` or `BEGIN` inside a function body is not a
 * statement of its own.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const n = script.length;
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) statements.push(text);
    current = '';
  };
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      current += ' ';
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const pair = script.slice(i, i + 2);
        if (pair === '/*' || pair === '*/') {
          depth += pair === '/*' ? 1 : -1;
          i += 2;
        } else {
          i += 1;
        }
      }
      current += ' ';
    } else if (c === "'" || c === '"') {
      // E'...' strings may escape a quote with a backslash.
      const escapes = c === "'" && /(^|[^A-Za-z0-9_$])[eE]$/.test(current);
      let j = i + 1;
      while (j < n) {
        if (escapes && script[j] === '\\') j += 2;
        else if (script[j] === c && script[j + 1] === c) j += 2;
        else if (script[j] === c) break;
        else j += 1;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i))?.[0];
      if (tag && !/[A-Za-z0-9_]$/.test(current)) {
        const end = script.indexOf(tag, i + tag.length);
        const stop = end === -1 ? n : end + tag.length;
        current += script.slice(i, stop);
        i = stop;
      } else {
        current += c;
        i += 1;
      }
    } else if (c === ';') {
      flush();
      i += 1;
    } else {
      current += c;
      i += 1;
    }
  }
  flush();
  return statements;
}

// An identifier as written: "quoted" (with "" inside) or a plain name; optionally schema-qualified.
const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QNAME = String.raw`${IDENT}(?:\s*\.\s*${IDENT})?`;

/** How PostgreSQL reads an identifier: quoted ones as written, plain ones in lower case. */
export function normaliseIdentifier(written: string): string {
  const text = written.trim();
  return text.startsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text.toLowerCase();
}

/** The parts of a possibly qualified name, normalised. */
function nameParts(written: string): string[] {
  return [...written.matchAll(new RegExp(IDENT, 'g'))].map((m) => normaliseIdentifier(m[0]));
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (parts: string[]) => parts.map(quoted).join('.');

/** Splits `a, b (x, y), 'c,d'` at top-level commas. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

const NOT_IN_TRANSACTION = [
  /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION|CALL)\b/i,
  /\bCONCURRENTLY\b/i,
  /^(VACUUM|CREATE\s+DATABASE|DROP\s+DATABASE|ALTER\s+SYSTEM|CREATE\s+TABLESPACE|DROP\s+TABLESPACE|REINDEX\s+(SYSTEM|DATABASE))\b/i,
];

function relationWitness(kind: string, parts: string[], presentWhenApplied: boolean): SchemaWitness {
  const name = qualified(parts);
  return {
    label: `${kind} ${name}`,
    existsSql: `to_regclass(${literal(name)}) IS NOT NULL`,
    presentWhenApplied,
    names: [parts.at(-1)!],
  };
}

function typeWitness(parts: string[], presentWhenApplied: boolean): SchemaWitness {
  const name = qualified(parts);
  return {
    label: `type ${name}`,
    existsSql: `to_regtype(${literal(name)}) IS NOT NULL`,
    presentWhenApplied,
    names: [parts.at(-1)!],
  };
}

function schemaWitness(name: string, presentWhenApplied: boolean): SchemaWitness {
  return {
    label: `schema ${quoted(name)}`,
    existsSql: `EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${literal(name)})`,
    presentWhenApplied,
    names: [name],
  };
}

function columnWitness(table: string[], column: string, presentWhenApplied: boolean): SchemaWitness {
  return {
    label: `column ${quoted(column)} of ${qualified(table)}`,
    existsSql:
      `EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(${literal(qualified(table))}) ` +
      `AND attname = ${literal(column)} AND attnum > 0 AND NOT attisdropped)`,
    presentWhenApplied,
    names: [column, table.at(-1)!],
  };
}

function constraintWitness(table: string[], constraint: string, presentWhenApplied: boolean): SchemaWitness {
  return {
    label: `constraint ${quoted(constraint)} on ${qualified(table)}`,
    existsSql:
      `EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(${literal(qualified(table))}) ` +
      `AND conname = ${literal(constraint)})`,
    presentWhenApplied,
    names: [constraint, table.at(-1)!],
  };
}

/** Witnesses of one `ALTER TABLE` statement's actions; names it renames go to `renamed`. */
function alterTableWitnesses(statement: string, renamed: Set<string>): SchemaWitness[] {
  const head = new RegExp(String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QNAME})\s+(.*)$`, 'is').exec(statement);
  if (!head) return [];
  const table = nameParts(head[1]!);
  const witnesses: SchemaWitness[] = [];
  for (const action of topLevelParts(head[2]!)) {
    const rename = new RegExp(String.raw`^RENAME\s+(?:(?:COLUMN|CONSTRAINT)\s+)?(${IDENT})\s+TO\s+(${IDENT})`, 'i').exec(action);
    const renameTable = new RegExp(String.raw`^RENAME\s+TO\s+(${IDENT})`, 'i').exec(action);
    if (renameTable) {
      renamed.add(table.at(-1)!).add(normaliseIdentifier(renameTable[1]!));
      continue;
    }
    if (rename) {
      renamed.add(normaliseIdentifier(rename[1]!)).add(normaliseIdentifier(rename[2]!));
      continue;
    }
    const addConstraint = new RegExp(String.raw`^ADD\s+CONSTRAINT\s+(${IDENT})`, 'i').exec(action);
    if (addConstraint) {
      witnesses.push(constraintWitness(table, normaliseIdentifier(addConstraint[1]!), true));
      continue;
    }
    const dropConstraint = new RegExp(String.raw`^DROP\s+CONSTRAINT\s+(IF\s+EXISTS\s+)?(${IDENT})`, 'i').exec(action);
    if (dropConstraint) {
      if (!dropConstraint[1]) witnesses.push(constraintWitness(table, normaliseIdentifier(dropConstraint[2]!), false));
      continue;
    }
    // ADD [COLUMN] name type, but not ADD PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK / EXCLUDE (unnamed constraints).
    const addColumn = new RegExp(String.raw`^ADD\s+(COLUMN\s+)?(IF\s+NOT\s+EXISTS\s+)?(${IDENT})`, 'i').exec(action);
    if (addColumn && (addColumn[1] || !/^(PRIMARY|UNIQUE|FOREIGN|CHECK|EXCLUDE|CONSTRAINT)$/i.test(addColumn[3]!))) {
      if (!addColumn[2]) witnesses.push(columnWitness(table, normaliseIdentifier(addColumn[3]!), true));
      continue;
    }
    const dropColumn = new RegExp(String.raw`^DROP\s+(COLUMN\s+)?(IF\s+EXISTS\s+)?(${IDENT})`, 'i').exec(action);
    if (dropColumn && !dropColumn[2] && (dropColumn[1] || !/^(CONSTRAINT|DEFAULT|NOT)$/i.test(dropColumn[3]!))) {
      witnesses.push(columnWitness(table, normaliseIdentifier(dropColumn[3]!), false));
    }
  }
  return witnesses;
}

/** The witnesses of one statement (none for statements that leave no checkable trace, or may have been no-ops). */
function statementWitnesses(statement: string, renamed: Set<string>): SchemaWitness[] {
  const createTable = new RegExp(String.raw`^CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(${QNAME})`, 'i').exec(
    statement,
  );
  if (createTable) return createTable[1] ? [] : [relationWitness('table', nameParts(createTable[2]!), true)];

  const createIndex = new RegExp(
    String.raw`^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(IF\s+NOT\s+EXISTS\s+)?(${IDENT})\s+ON\s+(?:ONLY\s+)?(${QNAME})`,
    'i',
  ).exec(statement);
  if (createIndex) {
    if (createIndex[1]) return [];
    // An index lives in its table's schema.
    const table = nameParts(createIndex[3]!);
    return [relationWitness('index', [...table.slice(0, -1), normaliseIdentifier(createIndex[2]!)], true)];
  }

  const createOther = new RegExp(
    String.raw`^CREATE\s+(SEQUENCE|VIEW|MATERIALIZED\s+VIEW|TYPE)\s+(IF\s+NOT\s+EXISTS\s+)?(${QNAME})`,
    'i',
  ).exec(statement);
  if (createOther) {
    if (createOther[2]) return [];
    const parts = nameParts(createOther[3]!);
    const kind = createOther[1]!.toLowerCase().replace(/\s+/g, ' ');
    return [kind === 'type' ? typeWitness(parts, true) : relationWitness(kind, parts, true)];
  }

  const createSchema = new RegExp(String.raw`^CREATE\s+SCHEMA\s+(IF\s+NOT\s+EXISTS\s+)?(${IDENT})`, 'i').exec(statement);
  if (createSchema && !/^AUTHORIZATION$/i.test(createSchema[2]!)) {
    return createSchema[1] ? [] : [schemaWitness(normaliseIdentifier(createSchema[2]!), true)];
  }

  const drop = new RegExp(
    String.raw`^DROP\s+(TABLE|INDEX|SEQUENCE|VIEW|MATERIALIZED\s+VIEW|TYPE|SCHEMA)\s+(IF\s+EXISTS\s+)?(${QNAME}(?:\s*,\s*${QNAME})*)`,
    'i',
  ).exec(statement);
  if (drop) {
    if (drop[2]) return [];
    const kind = drop[1]!.toLowerCase().replace(/\s+/g, ' ');
    return topLevelParts(drop[3]!).map((written) => {
      const parts = nameParts(written);
      if (kind === 'schema') return schemaWitness(parts.at(-1)!, false);
      return kind === 'type' ? typeWitness(parts, false) : relationWitness(kind, parts, false);
    });
  }

  const alterRename = new RegExp(
    String.raw`^ALTER\s+(?:INDEX|SEQUENCE|VIEW|MATERIALIZED\s+VIEW|TYPE|SCHEMA)\s+(?:IF\s+EXISTS\s+)?(${QNAME})\s+RENAME\s+(?:(?:VALUE|ATTRIBUTE)\s+\S+\s+)?TO\s+(${IDENT})`,
    'i',
  ).exec(statement);
  if (alterRename) {
    renamed.add(nameParts(alterRename[1]!).at(-1)!).add(normaliseIdentifier(alterRename[2]!));
    return [];
  }

  if (/^ALTER\s+TABLE\b/i.test(statement)) return alterTableWitnesses(statement, renamed);
  return [];
}

/** Reads a migration script: whether it is one transaction, and the traces it leaves in the catalog. */
export function witnessesOf(script: string): ScriptWitnesses {
  const statements = splitSqlStatements(script);
  const offending = statements.find((statement) => NOT_IN_TRANSACTION.some((pattern) => pattern.test(statement)));
  const renamed = new Set<string>();
  const all = statements.flatMap((statement) => statementWitnesses(statement, renamed));
  // An object touched twice (dropped and created again, created then renamed...) proves nothing either way.
  const seen = new Map<string, number>();
  for (const witness of all) seen.set(witness.label, (seen.get(witness.label) ?? 0) + 1);
  const witnesses = all.filter((witness) => seen.get(witness.label) === 1 && !witness.names.some((name) => renamed.has(name)));
  return {
    notAtomic: offending
      ? `it is not one transaction: it holds \`${offending.length > 80 ? `${offending.slice(0, 79)}…` : offending}\`, which ` +
        'commits on its own or cannot run inside a transaction'
      : statements.length === 0
        ? 'it is empty'
        : null,
    witnesses,
  };
}

const listed = (observations: WitnessObservation[], max = 3) => {
  const labels = observations.map(({ witness, present }) => `${witness.label} ${present ? 'exists' : 'does not exist'}`);
  return labels.length > max ? `${labels.slice(0, max).join(', ')} and ${labels.length - max} more` : labels.join(', ');
};

/**
 * The verdict on an interrupted migration from its script and what the database shows now. Only when the script
 * is one transaction and every witness agrees is the answer APPLIED or NOT_APPLIED; anything else is UNKNOWN.
 */
export function judgeInterruptedMigration(
  script: ScriptWitnesses,
  observations: WitnessObservation[],
): InterruptedMigrationVerdict {
  if (script.notAtomic) return { outcome: 'UNKNOWN', reason: script.notAtomic };
  if (observations.length === 0) {
    return { outcome: 'UNKNOWN', reason: 'none of its statements creates or drops a table, index, type, column or constraint' };
  }
  const asApplied = observations.filter(({ witness, present }) => present === witness.presentWhenApplied);
  const asNotApplied = observations.filter(({ witness, present }) => present !== witness.presentWhenApplied);
  if (asNotApplied.length === 0) {
    return {
      outcome: 'APPLIED',
      evidence: `all ${observations.length} of its changes are in the database (${listed(asApplied)})`,
    };
  }
  if (asApplied.length === 0) {
    return {
      outcome: 'NOT_APPLIED',
      evidence: `none of its ${observations.length} changes is in the database (${listed(asNotApplied)})`,
    };
  }
  return {
    outcome: 'UNKNOWN',
    reason:
      `some of its changes are in the database and some are not: ${listed(asApplied)}; but ${listed(asNotApplied)} ` +
      '(the schema was changed outside the migrations, or the file is not what ran)',
  };
}
