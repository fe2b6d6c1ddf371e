// Renderer build (docs/architecture.md): relative base so Electron can load it from file://, no remote content,
// and a strict CSP meta tag in the built page (dev keeps Vite's inline HMR preamble working).
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes (virtual rows); no stylesheets come from elsewhere.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // The statement-of-work preview: a PDF from a blob: URL the page made.
  'frame-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'seller-desk-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // One file per chunk is plenty for a local app; no modulepreload polyfill injected inline.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    // Fonts stay files (never data: URLs): the CSP's font-src is 'self' only. Small font subsets would otherwise be
    // inlined.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/i.test(file) ? false : undefined),
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry /*#__PURE__*/ comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
