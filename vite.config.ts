import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative asset paths, so the built site works from any static host, at any path. Opened from a
  // folder (file://) browsers refuse its module scripts; index.html then says how to serve it.
  base: './',
  plugins: [svelte()],
  server: { host: '127.0.0.1', port: 5173 },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
