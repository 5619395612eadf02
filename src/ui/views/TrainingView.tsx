import { Box, Text } from 'ink';
import type { UiState } from '../state.ts';
import { bar, fit, restartsText, sci, seconds, sparklines } from '../format.ts';
import { BestList } from './BestList.tsx';

/**
 * The live training view: where the search is, how far the stage and the
 * time budget have run, the loss of the best and the median restart, how
 * many restarts converged or snapped exact, how settled the quantizer is,
 * and the best formula so far for each target.
 */
export function TrainingView({ state, width, height }: { state: UiState; width: number; height: number }) {
  const { start, stage, progress } = state;
  if (!start) return <Text>Loading the data and the backend…</Text>;
  // Bars and sparklines take what the figures after them leave of the width.
  const cells = Math.max(10, Math.min(50, width - 60));
  const budget = start.maxSeconds;
  const [bestLine, medianLine] = sparklines([state.history.best, state.history.median], cells);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {state.source}: {start.rows} rows, {start.inputs.length} input{start.inputs.length === 1 ? '' : 's'} → {start.targets.join(', ')} · backend {start.backend} · seed {start.seed}
      </Text>
      <Text wrap="truncate-end">
        {stage ? `Stage ${stage.index}: ${stage.stack} · Q ${stage.q} · ${restartsText(stage.restarts, stage.shares)} · for ${stage.targets.join(', ')}` : 'Preparing the first stage…'}
      </Text>
      {state.workers ? (
        <Text wrap="truncate-end" dimColor>
          {Object.entries(state.workers)
            .map(([w, s]) => `worker ${w}: stage ${s.index}`)
            .join('  ·  ')}
        </Text>
      ) : null}
      <Text> </Text>
      <Text wrap="truncate-end">
        {'steps   '}
        <Text color="cyan">{bar(progress ? progress.step / progress.steps : 0, cells)}</Text>
        {progress ? `  ${progress.step}/${progress.steps}` : '  —'}
        {'  ·  '}
        {seconds(state.elapsed)} elapsed{state.eta !== undefined ? `  ·  stage ETA ${seconds(state.eta)}` : ''}
      </Text>
      <Text wrap="truncate-end">
        {'budget  '}
        <Text color="cyan">{bar(state.elapsed / budget, cells)}</Text>
        {`  ${seconds(state.elapsed)} of ${seconds(budget)}`}
      </Text>
      <Text> </Text>
      <Text wrap="truncate-end">
        {'loss    best    '}
        <Text color="green">{bestLine.padEnd(cells)}</Text>
        {`  ${sci(progress?.bestLoss)}`}
        <Text dimColor>{'   normalized MSE, log scale'}</Text>
      </Text>
      <Text wrap="truncate-end">
        {'        median  '}
        <Text color="yellow">{medianLine.padEnd(cells)}</Text>
        {`  ${sci(progress?.medianLoss)}`}
      </Text>
      <Text> </Text>
      <Text wrap="truncate-end">
        {'restarts   '}
        {progress ? `${progress.restarts} running · ${progress.converged} converged · ${progress.exact} exact · ${progress.blownUp} blown up and redrawn` : '—'}
      </Text>
      <Text wrap="truncate-end">
        {'quantizer  '}
        <Text color="cyan">{bar(progress?.settled ?? 0, Math.min(20, cells))}</Text>
        {`  ${progress ? Math.round(100 * progress.settled) : 0}% of weights settled (within 0.05 of a value in Q)`}
      </Text>
      <Text> </Text>
      <Text bold>Best formula so far</Text>
      <BestList best={state.best} width={width} rows={Math.max(1, height - 15)} />
      {state.stopping && !state.done ? <Text color="yellow">{fit('Stopping: finishing with the best formula so far…', width)}</Text> : null}
    </Box>
  );
}
