import { Fragment, type ReactNode } from 'react';

/**
 * A catalog message with elements in it: `{name}` placeholders become the given elements (code, links), so a
 * sentence stays whole in the catalog, in the order its language needs. Call `t(key)` without params for it.
 */
export function withElements(message: string, elements: Readonly<Record<string, ReactNode>>): ReactNode {
  return message
    .split(/\{(\w+)\}/)
    .map((part, index) => (index % 2 === 1 ? <Fragment key={index}>{elements[part] ?? `{${part}}`}</Fragment> : part));
}
