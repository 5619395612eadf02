/** The languages `calu export --to` writes a formula in. */
export const LANGUAGES = ['python', 'sympy', 'numpy', 'js', 'c', 'julia', 'latex', 'mathjs'] as const;
export type Language = (typeof LANGUAGES)[number];
