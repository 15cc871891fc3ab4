/**
 * The plan service's entry (bundled to dist/electron/planService.cjs): started by the desktop
 * app's main process with Electron's utilityProcess.fork (or, in the shell's tests, Node's
 * child_process.fork), it serves the open plan until told to close or its parent is gone.
 */
import { portToParent } from './parentPort';
import { PlanService } from './planService';

new PlanService(portToParent()).start();
