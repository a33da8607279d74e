/** A stable lower-case key from a name: "Qwen2.5-7B-Instruct" → "qwen2.5-7b-instruct". */
export function keyFrom(name: string, maxLength: number): string {
  const key = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, maxLength - 6);
  return key || 'item';
}

/** `base`, or `base-2`, `base-3`, ... : the first one not in `taken`. */
export function firstFreeKey(base: string, taken: Iterable<string>): string {
  // Imports pass one growing set for thousands of keys: copying it on every call made them quadratic.
  const used: ReadonlySet<string> = taken instanceof Set ? taken : new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
