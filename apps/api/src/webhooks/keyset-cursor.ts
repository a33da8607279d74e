/**
 * Opaque cursors for newest-first lists ordered by (createdAt desc, id desc): the last row's time and
 * id. Unlike offsets, a page stays stable while new rows arrive at the top.
 */
export type KeysetPosition = { at: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(`k:${position.at.toISOString()}|${position.id}`).toString('base64url');
}

/** The position, or null when the cursor was not made by `encodeKeysetCursor`. */
export function decodeKeysetCursor(cursor: string): KeysetPosition | null {
  const match = /^k:([^|]{1,40})\|([^|]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !UUID.test(match[2]!)) return null;
  const at = new Date(match[1]!);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

/** Rows strictly after `position` in (createdAt desc, id desc) order, as a Prisma `where`. */
export function afterPosition(position: KeysetPosition | null) {
  if (!position) return {};
  return { OR: [{ createdAt: { lt: position.at } }, { createdAt: position.at, id: { lt: position.id } }] };
}

export type KeysetPage<T> = { rows: { cursor: string; row: T }[]; hasNextPage: boolean; endCursor: string | null };

/** Cuts a page from `first + 1` rows: the extra row only tells that there is a next page. */
export function keysetPage<T extends { createdAt: Date; id: string }>(rows: T[], first: number): KeysetPage<T> {
  const page = rows.slice(0, first).map((row) => ({ cursor: encodeKeysetCursor({ at: row.createdAt, id: row.id }), row }));
  return { rows: page, hasNextPage: rows.length > first, endCursor: page.at(-1)?.cursor ?? null };
}
