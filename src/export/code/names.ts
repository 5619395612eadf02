/**
 * Identifiers for parameters and functions. A name that is already a plain
 * ASCII identifier is kept; any other is made one ("y (m/s)" -> y_m_s).
 * Then it takes a trailing _ while the language reserves it or an earlier
 * name has it, so "lambda" is the Python parameter lambda_ and two targets
 * never share a function name.
 */
export function identifiers(names: readonly string[], reserved: ReadonlySet<string>): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let id = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'f';
    if (/^[0-9]/.test(id)) id = `f_${id}`;
    while (reserved.has(id) || taken.has(id)) id += '_';
    taken.add(id);
    return id;
  });
}
