/** Vite build of the renderer: root renderer/, output renderer/dist, relative base so Electron's file:// works. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist', // relative to root (renderer/)
    emptyOutDir: true,
    // echarts is large by nature; it is split out so the first paint does not wait for it.
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
  },
});
