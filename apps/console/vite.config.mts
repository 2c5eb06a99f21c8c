import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Served by the api at /quan-tri/ on every portal host. Vite 8 compiles TSX with its own Oxc
// transform (automatic JSX runtime); a production build needs no React plugin (fast refresh only).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/quan-tri/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Mantine's modules start with "use client" (for React Server Components): meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
