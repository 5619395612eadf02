// Worker threads do not inherit the loader hooks of the thread that starts
// them: register tsx again here, then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./fitWorker.ts');
