import { Box, Text } from 'ink';
import type { UiState } from '../state.ts';

export interface Scroll {
  top: number;
  left: number;
}

/**
 * The pruned graph, in a window of the screen's size. A graph taller or
 * wider than the window scrolls (the App moves `scroll` with the arrow
 * keys), and the last line says which part is shown.
 */
export function GraphView({ state, width, height, scroll }: { state: UiState; width: number; height: number; scroll: Scroll }) {
  if (!state.result) {
    const stage = state.stage;
    return (
      <Box flexDirection="column">
        <Text>The pruned graph is read off the final networks: it appears here when the fit ends.</Text>
        {stage ? <Text dimColor wrap="truncate-end">{`Training now: ${stage.stack}, before pruning (${stage.restarts} restarts).`}</Text> : null}
      </Box>
    );
  }
  const lines = state.result.graph;
  if (lines.length === 0) return <Text>No formula was found, so there is no graph to draw.</Text>;
  const view = graphWindow(lines, width, height, scroll);
  return (
    <Box flexDirection="column">
      {view.lines.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
      {view.status ? <Text dimColor>{view.status}</Text> : null}
    </Box>
  );
}

/** The part of the lines a window shows, and a status line when that is not all of them. */
export function graphWindow(lines: string[], width: number, height: number, scroll: Scroll): { lines: string[]; status: string } {
  const widest = Math.max(...lines.map((l) => [...l].length));
  const tall = lines.length > height;
  const rows = tall ? Math.max(1, height - 1) : lines.length;
  const wide = widest > width;
  const { top, left } = clampScroll(scroll, lines.length, rows, widest, width);
  const shown = lines.slice(top, top + rows).map((l) => (wide ? [...l].slice(left, left + width).join('') : l).trimEnd());
  let status = '';
  if (tall || wide) {
    const parts = [];
    if (tall) parts.push(`lines ${top + 1}–${top + shown.length} of ${lines.length} (↑↓ PgUp PgDn)`);
    if (wide) parts.push(`columns ${left + 1}–${Math.min(widest, left + width)} of ${widest} (←→)`);
    status = parts.join(' · ');
  }
  return { lines: shown, status };
}

/** Keeps a scroll position inside the content. */
export function clampScroll(scroll: Scroll, lines: number, rows: number, widest: number, width: number): Scroll {
  return {
    top: Math.max(0, Math.min(scroll.top, lines - rows)),
    left: Math.max(0, Math.min(scroll.left, widest - width)),
  };
}
