/**
 * The renderer's Content Security Policy: its own scripts only, no remote content of any kind.
 * One definition: the Vite build writes it into index.html as a meta tag (the Electron app loads
 * that file), and the browser edition also sends it as a header (with frame-ancestors, which a
 * meta tag cannot carry). Inline styles are allowed because AG Grid injects its theme as styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
