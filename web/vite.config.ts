import { defineConfig } from 'vitest/config';

const backend = process.env.LABELCREW_BACKEND ?? 'http://localhost:18080';

export default defineConfig({
  // esbuild compiles TSX with the automatic runtime; no React plugin needed.
  esbuild: { jsx: 'automatic' },
  build: {
    // The Maven build packs this folder into the jar, which serves it at "/".
    outDir: '../target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': backend,
      '/v3': backend,
      '/actuator': backend,
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // userEvent-driven component tests take 1–4 s on an idle 2-core CI box and more when it is busy; 5 s failed them
    // for the machine's sake, not the code's. A real hang still fails, at 20 s.
    testTimeout: 20_000,
  },
});
