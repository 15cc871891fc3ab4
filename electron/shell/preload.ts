/**
 * The renderer's bridge to the main side, and nothing more: one function that invokes a named
 * API call. The main side checks the sender and validates every payload against the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('planbench', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('planbench:call', name, input),
});
