import { useState } from 'react';
import { Box, Text, useInput, type Key } from 'ink';
import type { UiState } from './state.ts';
import { TrainingView } from './views/TrainingView.tsx';
import { clampScroll, GraphView, graphRows, type Scroll } from './views/GraphView.tsx';
import { ResultView } from './views/ResultView.tsx';

export type View = 'training' | 'graph' | 'result';
export const VIEWS: Array<{ view: View; title: string }> = [
  { view: 'training', title: 'Training' },
  { view: 'graph', title: 'Graph' },
  { view: 'result', title: 'Result' },
];

export interface AppProps {
  state: UiState;
  /** The terminal's size: the app never draws more lines than height - 1, so Ink never clears the screen. */
  width: number;
  height: number;
  /** False when standard input is not a terminal: no keys then (Ctrl-C still stops through SIGINT). */
  interactive: boolean;
  /** q or Ctrl-C: stop early and keep the best formula so far. */
  onStop: () => void;
  initialView?: View;
}

/** The live screen: a header with the views and the keys, then the view chosen with Tab or 1–3. */
export function App({ state, width, height, interactive, onStop, initialView = 'training' }: AppProps) {
  const [view, setView] = useState<View>(initialView);
  const [scroll, setScroll] = useState<Scroll>({ top: 0, left: 0 });
  const body = Math.max(5, height - 3);
  useInput(
    (input, key) => {
      // Keys typed faster than the screen reads arrive as one chunk ("qq", two Ctrl-C): take them one by one.
      let screen: Screen = { view, scroll };
      for (const [char, k] of keystrokes(input, key)) {
        const next = handleKey(screen, char, k, height - 3);
        if (next === 'stop') onStop();
        else screen = next;
      }
      const lines = state.graph.lines;
      const widest = Math.max(0, ...lines.map((l) => [...l].length));
      const pane = graphRows(state, body);
      const rows = lines.length > pane ? pane - 1 : lines.length;
      setView(screen.view);
      setScroll(clampScroll(screen.scroll, lines.length, rows, widest, width));
    },
    { isActive: interactive },
  );
  return (
    <Box flexDirection="column" width={width}>
      <Header view={view} state={state} width={width} interactive={interactive} />
      <Text> </Text>
      {view === 'training' ? <TrainingView state={state} width={width} height={body} /> : null}
      {view === 'graph' ? <GraphView state={state} width={width} height={body} scroll={scroll} /> : null}
      {view === 'result' ? <ResultView state={state} width={width} height={body} /> : null}
    </Box>
  );
}

function Header({ view, state, width, interactive }: { view: View; state: UiState; width: number; interactive: boolean }) {
  const keys = state.stopping ? 'stopping…' : interactive ? 'q stop · Tab or 1–3 switch views' : 'Ctrl-C stop';
  return (
    <Box width={width} justifyContent="space-between">
      <Text>
        <Text bold>{' calu '}</Text>
        {VIEWS.map((v, i) => (
          <Text key={v.view}>
            {' '}
            <Text inverse={v.view === view}>{` ${i + 1} ${v.title} `}</Text>
          </Text>
        ))}
      </Text>
      <Text dimColor>{keys} </Text>
    </Box>
  );
}

/** A chunk of plain characters as single keystrokes (Ctrl-C and Tab as Ink reports them alone); anything else as it is. */
function keystrokes(input: string, key: Key): Array<[string, Key]> {
  if (input.length <= 1) return [[input, key]];
  return [...input].map((ch) => [ch === '\x03' ? 'c' : ch, { ...key, ctrl: ch === '\x03', tab: ch === '\t' }]);
}

interface Screen {
  view: View;
  scroll: Scroll;
}

/**
 * What a key does: q and Ctrl-C stop; Tab (Shift-Tab back) and 1–3 switch
 * views; in the graph, the arrows and PgUp/PgDn scroll (the view clamps).
 */
export function handleKey(screen: Screen, input: string, key: Key, page: number): Screen | 'stop' {
  if (input === 'q' || (key.ctrl && input === 'c')) return 'stop';
  const at = VIEWS.findIndex((v) => v.view === screen.view);
  if (key.tab) return { ...screen, view: VIEWS[(at + (key.shift ? VIEWS.length - 1 : 1)) % VIEWS.length].view };
  const n = Number(input);
  if (Number.isInteger(n) && n >= 1 && n <= VIEWS.length) return { ...screen, view: VIEWS[n - 1].view };
  if (screen.view !== 'graph') return screen;
  const { top, left } = screen.scroll;
  if (key.upArrow) return { ...screen, scroll: { top: Math.max(0, top - 1), left } };
  if (key.downArrow) return { ...screen, scroll: { top: top + 1, left } };
  if (key.pageUp) return { ...screen, scroll: { top: Math.max(0, top - page), left } };
  if (key.pageDown) return { ...screen, scroll: { top: top + page, left } };
  if (key.leftArrow) return { ...screen, scroll: { top, left: Math.max(0, left - 8) } };
  if (key.rightArrow) return { ...screen, scroll: { top, left: left + 8 } };
  return screen;
}
