import { Box, Text } from 'ink';
import type { BestCandidate } from '../state.ts';
import { fit, short } from '../format.ts';

/** One line per target: its best formula so far and whether it is exact, cut to the width. */
export function BestList({ best, width, rows }: { best: BestCandidate[]; width: number; rows: number }) {
  const shown = best.length > rows ? best.slice(0, Math.max(0, rows - 1)) : best;
  const status = 26;
  return (
    <Box flexDirection="column">
      {shown.map((b) => (
        <Box key={b.target}>
          <Text color={b.exact ? 'green' : 'yellow'}>{b.exact ? '  ✓ ' : b.formula ? '  ✗ ' : '  · '}</Text>
          <Box width={Math.max(10, width - 4 - status)}>
            <Text wrap="truncate-end">
              {b.target} = {b.formula || '…'}
            </Text>
          </Box>
          <Text dimColor>{b.exact ? ' exact' : b.formula ? fit(` max rel. error ${short(b.error)}`, status) : ' searching'}</Text>
        </Box>
      ))}
      {shown.length < best.length ? <Text dimColor>{`  … and ${best.length - shown.length} more targets`}</Text> : null}
    </Box>
  );
}
