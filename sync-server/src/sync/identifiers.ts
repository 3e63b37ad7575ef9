/**
 * Postgres identifier rules for the `table` and `columns` parameters (protocol §2): unquoted names are lower-cased,
 * quoted ones are taken as written with `""` for a quote. Returns null on malformed input.
 */
export function parseIdentifierList(text: string, separator: '.' | ','): string[] | null {
  const names: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ') i++;
    let name: string;
    if (text[i] === '"') {
      let j = i + 1;
      name = '';
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) return null;
        name += text.slice(j, k);
        if (text[k + 1] === '"') {
          name += '"';
          j = k + 2;
        } else {
          i = k + 1;
          break;
        }
      }
      if (!name) return null;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i));
      if (!m) return null;
      name = m[0].toLowerCase();
      i += m[0].length;
    }
    names.push(name);
    while (text[i] === ' ') i++;
    if (i === text.length) return names;
    if (text[i] !== separator) return null;
    i++;
  }
}

/** `name` or `schema.name` → [schema, name] (schema defaults to public). */
export function parseTableName(text: string): [string, string] | null {
  const parts = parseIdentifierList(text, '.');
  if (!parts || parts.length > 2) return null;
  return parts.length === 2 ? [parts[0] as string, parts[1] as string] : ['public', parts[0] as string];
}
