import os from 'node:os';
import path from 'node:path';

/**
 * Loaded before every test file (package.json "test": node --import): the tests never write into
 * the user's own data folder — the plan services they start announce themselves in a folder of
 * the tests' own, which the programs they start inherit. A test that sets its own keeps it.
 */
process.env.PLANBENCH_DATA_DIR ??= path.join(os.tmpdir(), 'planbench-test-data');
