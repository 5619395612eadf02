import { speedSuite } from './speed.ts';
import { talkSuite } from './talk.ts';
import { nalmSuite } from './nalm.ts';
import { feynmanSuite } from './feynman.ts';
import { recipeSuite } from './recipe.ts';
import { startupSuite } from './startup.ts';
import { memorySuite } from './memory.ts';
import { workersSuite } from './workers.ts';
import { queueSuite } from './queue.ts';

export interface SuiteArgs {
  seeds?: number;
  tasks?: string[];
  maxSeconds?: number;
  /** Fewer steps or rows where a suite allows it, for a smoke run (memory: files up to 300,000 rows). */
  quick?: boolean;
  /** A data file for suites that read one (feynman). */
  file?: string;
  /** Timed runs of each command (startup). */
  runs?: number;
  /** SRBench noise levels on the training target (feynman). */
  noise?: number[];
  /** The worker count compared with 1 (workers), or that every fit uses (feynman; default 1). */
  workers?: number;
}

export interface SuiteResult {
  /** The single object `--json` prints. */
  json: object;
  /** Markdown to paste into docs/BENCHMARKS.md. */
  table: string;
}

export type Suite = (args: SuiteArgs) => Promise<SuiteResult>;

/** Every benchmark suite, by the name `npm run bench -- --suite NAME` takes. */
export const SUITES: Record<string, Suite> = {
  speed: speedSuite,
  talk: talkSuite,
  nalm: nalmSuite,
  feynman: feynmanSuite,
  recipe: recipeSuite,
  startup: startupSuite,
  memory: memorySuite,
  workers: workersSuite,
  queue: queueSuite,
};
