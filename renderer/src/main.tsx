import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ModuleRegistry } from 'ag-grid-community';
import { App } from './App';
import { GRID_MODULES } from './grid/gridModules';
import './styles.css';

ModuleRegistry.registerModules(GRID_MODULES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
