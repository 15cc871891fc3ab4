/**
 * Electron's API types for code outside the shell that must match them without loading Electron
 * (the stand-in the shell's tests drive): a type-only re-export, erased at build and run time.
 */
import type * as ElectronApi from 'electron';

export type { ElectronApi as Electron };

/** The package name the shell's bundle requires, for code that answers that require with a stand-in. */
export const ELECTRON_PACKAGE = 'electron';
