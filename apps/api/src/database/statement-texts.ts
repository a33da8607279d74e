import type { Prisma } from '@modelgate/db';

/** What PrismaService.driverQuery sends: a Prisma.Sql is one, so is a text kept by StatementTexts with fresh values. */
export type DriverStatement = {
  readonly text: string;
  readonly values: readonly unknown[];
};

/**
 * The texts of one call site's statements, built once per shape. A Prisma.Sql builds its text again each time it is
 * read: for the decision API's kilobytes of SQL, asked hundreds of times a second, that was a tenth of all it
 * allocated. Kept, the text is also the same string each time, so naming the prepared statement and checking it
 * against the connection's compare one string with itself.
 *
 * `shape` must name everything the text depends on (which conditions were chosen, not the values bound to them):
 * two statements with one shape but different texts would run the first one's text with the second one's values.
 */
export class StatementTexts {
  private readonly texts = new Map<string, string>();

  of(shape: string, sql: Prisma.Sql): DriverStatement {
    let text = this.texts.get(shape);
    if (text === undefined) {
      text = sql.text;
      this.texts.set(shape, text);
    }
    return { text, values: sql.values };
  }
}
