import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ImportWizard } from '../ImportWizard';
import '../../../app/styles.css';

/**
 * A bare page that mounts the import wizard on its own, for the end-to-end test
 * (tests/e2e/importWizard.test.ts builds it with Vite and serves it with the browser edition's
 * server). It is not part of the app's build. The sheet an import lands in is shown in #imported.
 */
function Harness() {
  const [open, setOpen] = useState(true);
  const [imported, setImported] = useState('');
  return (
    <>
      <button onClick={() => setOpen(true)}>导入…</button>
      <output data-testid="imported">{imported}</output>
      <ImportWizard open={open} onClose={() => setOpen(false)} onImported={(sheetId) => setImported(String(sheetId))} />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
