import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with parts that are elements rather than text: a command in `<Code>`, a `<DateTime>`, a
 * link. The catalog keeps the whole sentence with `{name}` placeholders, so a translation can move the parts;
 * `t()` leaves placeholders it was given no value for, and this puts the elements in their place.
 */
export function RichMessage({ text, values }: { text: string; values: Readonly<Record<string, ReactNode>> }) {
  const parts = text.split(/\{(\w+)\}/g);
  return (
    <>
      {parts.map((part, index) =>
        // split() with a capturing group puts the placeholder names at the odd indexes.
        index % 2 === 1 ? <Fragment key={index}>{part in values ? values[part] : `{${part}}`}</Fragment> : part,
      )}
    </>
  );
}
