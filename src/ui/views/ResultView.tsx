import { Box, Text } from 'ink';
import type { UiState } from '../state.ts';
import type { FitResult } from '../../result.ts';
import { seconds, short } from '../format.ts';
import { BestList } from './BestList.tsx';

/**
 * The recovered equations in Unicode math with their errors and an exact
 * mark, their LaTeX, and the candidate table (every distinct formula seen
 * for a target, the chosen one marked), like PySR's equations table.
 * `full` is the static final screen: equations wrap instead of being cut,
 * and the table is not held to the window's height.
 */
export function ResultView({ state, width, height, full = false }: { state: UiState; width: number; height: number; full?: boolean }) {
  const result = state.result;
  if (!result) {
    return (
      <Box flexDirection="column">
        <Text>The result appears here when the fit ends. Best so far:</Text>
        <BestList best={state.best} width={width} rows={Math.max(1, height - 1)} />
      </Box>
    );
  }
  const errors = 34;
  const eqWidth = Math.max(20, width - errors - 4);
  const hasTest = result.outputs.some((o) => o.test !== undefined);
  // Lines above the table: equations (each may wrap in full mode), LaTeX, headings and gaps.
  const above = 2 * result.outputs.length + 8;
  const room = full ? 30 : Math.max(1, height - above - 1);
  const rows = result.candidates.length > room ? result.candidates.slice(0, room - 1) : result.candidates;
  const cell = { target: Math.max(6, ...result.candidates.map((c) => c.target.length)) + 2, complexity: 12, error: 16, held: 10 };
  const formulaWidth = Math.max(10, width - 4 - cell.target - cell.complexity - cell.error - cell.held);
  const wrap = full ? 'wrap' : 'truncate-end';
  return (
    <Box flexDirection="column">
      <Text bold>
        {'Equations'.padEnd(eqWidth + 4)}
        <Text dimColor>{hasTest ? 'max rel. error: train / test' : 'max rel. error (train)'}</Text>
      </Text>
      {result.outputs.map((o) => (
        <Box key={o.target}>
          <Text color={o.exact ? 'green' : o.fit === 'within-noise' ? 'cyan' : 'yellow'}>{o.exact ? '  ✓ ' : o.fit === 'within-noise' ? '  ≈ ' : '  ✗ '}</Text>
          <Box width={eqWidth}>
            <Text wrap={wrap}>
              {o.target} {o.exact ? '=' : '≈'} {o.formula || '(none found)'}
            </Text>
          </Box>
          <Text>
            {(o.exact ? 'exact' : o.fit === 'within-noise' ? `within noise σ=${o.noise?.toPrecision(3) ?? '?'} ` : o.undecided ? 'undecided' : 'NOT exact').padEnd(11)}
            {o.formula ? short(o.train) : '—'}
            {o.formula && o.test !== undefined ? ` / ${short(o.test)}` : ''}
          </Text>
        </Box>
      ))}
      <Text> </Text>
      <Text bold>LaTeX</Text>
      {result.outputs.map((o) => (
        <Text key={o.target} wrap={wrap}>
          {'    '}
          {o.target} = {o.latex || '(none)'}
        </Text>
      ))}
      <Text> </Text>
      <Text bold>
        {'Candidates  '}
        <Text dimColor>every distinct formula found, ▶ the one chosen</Text>
      </Text>
      <Text dimColor>
        {'    '}
        {'target'.padEnd(cell.target)}
        {'formula'.padEnd(formulaWidth)}
        {'complexity'.padStart(cell.complexity - 2)}
        {'  '}
        {'max rel. error'.padStart(cell.error - 2)}
        {'held-out'.padStart(cell.held)}
      </Text>
      {rows.map((c, i) => (
        <Box key={i}>
          <Text color={c.chosen ? 'green' : undefined}>{c.chosen ? '  ▶ ' : '    '}</Text>
          <Text>{c.target.padEnd(cell.target)}</Text>
          <Box width={formulaWidth}>
            <Text wrap="truncate-end">{c.formula}</Text>
          </Box>
          <Text>{String(c.complexity).padStart(cell.complexity - 2)}</Text>
          <Text>{'  '}</Text>
          <Text color={c.exact ? 'green' : undefined}>{`${short(c.error)}${c.exact ? ' ✓' : '  '}`.padStart(cell.error - 2)}</Text>
          <Text>{short(c.heldOut).padStart(cell.held)}</Text>
        </Box>
      ))}
      {rows.length < result.candidates.length ? <Text dimColor>{`    … ${result.candidates.length - rows.length} more (calu fit --json lists them all)`}</Text> : null}
      <Text> </Text>
      <Text dimColor wrap="truncate-end">
        {seconds(result.seconds)} · seed {result.seed} · {stopText(result.stoppedBy)}
      </Text>
    </Box>
  );
}

function stopText(s: FitResult['stoppedBy']): string {
  if (s === 'solved') return 'solved: every formula is exact';
  if (s === 'noise') return 'settled: every formula exact or within noise, and no longer improving';
  if (s === 'time') return 'the time budget (--max-seconds) ran out: best candidates shown';
  if (s === 'stopped') return 'stopped by the user: best formulas so far shown, verified';
  return 'nothing left to try: best candidates shown';
}
