// Worker threads do not inherit the loader hooks of the thread that starts
// them: register tsx again here, then run the TypeScript worker. The build
// bundles stageWorker.ts itself as dist/stageWorker.js.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./stageWorker.ts');
export default worker.default;
