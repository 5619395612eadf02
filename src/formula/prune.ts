import type { SnappedLayer } from './evaluate.ts';

/**
 * Drops every unit that does not reach an output through a non-zero
 * weight, so a network shows only its surviving edges. The inputs stay
 * as they are (their count is the data's); the function computed is unchanged.
 */
export function prune(layers: SnappedLayer[]): SnappedLayer[] {
  const n = layers.length;
  // used[l]: which units of layer l's output are read by the layer above (all outputs of the last layer).
  const used: boolean[][] = layers.map((l) => l.weights.map(() => false));
  used[n - 1] = layers[n - 1].kind === 'fn' ? [true] : layers[n - 1].weights.map(() => true);
  for (let l = n - 1; l > 0; l--) {
    // An outer function passes each of its inputs to one output.
    if (layers[l].kind === 'fn') {
      used[l - 1] = layers[l - 1].weights.map((_, k) => used[l][k] ?? true);
      continue;
    }
    layers[l].weights.forEach((row, k) => {
      if (!used[l][k]) return;
      row.forEach((w, j) => {
        if (w !== 0) used[l - 1][j] = true;
      });
    });
  }
  return layers.map((layer, l) => {
    if (layer.kind === 'fn') return { ...layer };
    const rows = layer.weights.filter((_, k) => used[l][k]);
    const keepCols = l === 0 ? null : used[l - 1];
    return { ...layer, weights: rows.map((row) => (keepCols ? row.filter((_, j) => keepCols[j]) : [...row])) };
  });
}
