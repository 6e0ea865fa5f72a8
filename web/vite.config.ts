// Dashboard build: root web/, output web/dist (served by the hub with @fastify/static), relative asset paths so the
// hub can be reached under any prefix. Everything is bundled: no CDN, no external font, nothing fetched at run time.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  // `vite dev` (npm exec vite web) proxies the API to a running hub: `courant start` listens on 8640 by default.
  server: { proxy: { '/api': process.env.COURANT_URL ?? 'http://127.0.0.1:8640' } },
});
