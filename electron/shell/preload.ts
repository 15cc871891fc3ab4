/**
 * The renderer's bridge to the main side, and nothing more: one function that invokes a named
 * API call, and one that hears the plan's changes made by other programs. The main side checks the sender and validates every payload against the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('planbench', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('planbench:call', name, input),
  // What other programs change in the plan (a colleague's copy, a command-line import), as it happens.
  onChanges: (listener: (changes: unknown) => void): void => {
    ipcRenderer.on('planbench:changes', (_event, changes: unknown) => listener(changes));
  },
});
