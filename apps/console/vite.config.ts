import { defineConfig } from 'vite';

// Served by the api at /quan-tri/ on every portal host. Vite 8 compiles TSX with its own Oxc
// transform (automatic JSX runtime); a production build needs no React plugin (fast refresh only).
export default defineConfig({
  root: __dirname,
  base: '/quan-tri/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
});
