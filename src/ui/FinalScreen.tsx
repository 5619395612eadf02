import { Box, Text } from 'ink';
import type { UiState } from './state.ts';
import { ResultView } from './views/ResultView.tsx';

/**
 * What stays on the terminal after the live screen closes: the result view
 * in full, then the pruned graph in full (the terminal's scrollback holds
 * what does not fit), so the run can be read and copied after exit.
 */
export function FinalScreen({ state, width }: { state: UiState; width: number }) {
  const graph = state.graph.of === 'result' ? state.graph.lines : [];
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>calu</Text> · {state.source}
        {state.start ? ` → ${state.start.targets.join(', ')}` : ''}
      </Text>
      <Text> </Text>
      <ResultView state={state} width={width} height={Infinity} full />
      {graph.length ? (
        <Box flexDirection="column">
          <Text> </Text>
          <Text bold>Pruned graph</Text>
          {graph.map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {line.trimEnd() || ' '}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
