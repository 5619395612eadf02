import { Box, Text } from 'ink';
import type { UiState } from '../state.ts';

export interface Scroll {
  top: number;
  left: number;
}

/**
 * The pruned graph, in a window of the screen's size: while the fit runs,
 * that of the best candidate of each target so far (a line above it says
 * which are exact), redrawn as they improve; once it is done, that of the
 * chosen formulas. A graph taller or wider than the window scrolls (the App
 * moves `scroll` with the arrow keys), and the last line says which part is
 * shown.
 */
export function GraphView({ state, width, height, scroll }: { state: UiState; width: number; height: number; scroll: Scroll }) {
  const { lines, of } = state.graph;
  if (lines.length === 0) {
    if (state.result) return <Text>No formula was found, so there is no graph to draw.</Text>;
    const stage = state.stage;
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end">No candidate yet: the pruned graph of the best candidate of each target appears here once training finds one.</Text>
        {stage ? <Text dimColor wrap="truncate-end">{`Training now: ${stage.stack}, before pruning (${stage.restarts} restarts).`}</Text> : null}
      </Box>
    );
  }
  const view = graphWindow(lines, width, graphRows(state, height), scroll);
  return (
    <Box flexDirection="column">
      {of === 'candidates' ? (
        <Text dimColor wrap="truncate-end">
          {`Best candidates so far (✓ exact), redrawn as they improve: ${state.best.map((b) => `${b.target} ${b.exact ? '✓' : b.formula ? '✗' : '…'}`).join(' · ')}`}
        </Text>
      ) : null}
      {view.lines.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
      {view.status ? <Text dimColor>{view.status}</Text> : null}
    </Box>
  );
}

/** Lines of the view's height left to the graph and its status line: the candidates' graph has a caption above it. */
export function graphRows(state: UiState, height: number): number {
  return state.graph.of === 'candidates' ? Math.max(2, height - 1) : height;
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
