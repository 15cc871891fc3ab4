/**
 * The page's only script tag: small, so it runs at once, sends the first screen's calls (see
 * firstScreen.ts) and then loads the workbench itself, whose bundle takes a while to parse and
 * run — the answers arrive meanwhile.
 */
import { prefetchFirstScreen } from './firstScreen';
import { transport } from '../data/transport';

prefetchFirstScreen(transport);
void import('./main');
