import { fileURLToPath } from 'node:url';
import { defaultServerConditions, type ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';
import { initialSize } from './initialSize';

// `npm run dev` serves the app with hot reload and forwards the API to a running local gateway
// (`parley-local`, port 8080 unless PARLEY_API says otherwise). The built app needs no proxy: the
// gateway (locally) or S3 + API Gateway (in AWS) serve it on the same origin as the API.
const api = process.env.PARLEY_API ?? 'http://localhost:8080';
// The API lets only its own origin use the session cookie (it checks Origin on refresh and
// sign-out); to the gateway, this dev server's pages are the app, so their Origin is rewritten.
const proxied: ProxyOptions = {
  target: api,
  configure: (proxy) =>
    proxy.on('proxyReq', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', new URL(api).origin);
    }),
};

// react-router's package exports name only its development build (dist/development: the same
// code with ENABLE_DEV_WARNINGS = true, so its warnings and their strings stay in the bundle) for
// every condition; a build takes the production copy beside it instead. Dev server and vitest
// keep the development one and its warnings.
const routerDist = fileURLToPath(new URL('./node_modules/react-router/dist/production/', import.meta.url));
const productionRouter = [
  { find: /^react-router$/, replacement: `${routerDist}index.mjs` },
  { find: /^react-router\/dom$/, replacement: `${routerDist}dom-export.mjs` },
];

// The app is written against React's API and rendered by Preact through preact/compat (about
// 9 KB gzip, where React and React DOM were about 69 KB). Every import of React, from the app and
// from its libraries (react-router, lucide-react, @tanstack/react-virtual), resolves to
// preact/compat, in the build, the dev server and vitest alike, so the tests run what ships (and
// the build fails if React itself gets in: initialSize.ts). tsc keeps checking the source against
// @types/react: Preact's own types would have every input handler rewritten (their e.target is a
// bare EventTarget) for no change in what runs. What compat lacks or does otherwise, tsc cannot
// see; eslint.config.js refuses it.
const preactCompat = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/server$/, replacement: 'preact/compat/server' },
];

export default defineConfig(({ command }) => ({
  esbuild: { jsx: 'automatic' },
  resolve: { alias: [...preactCompat, ...(command === 'build' ? productionRouter : [])] },
  plugins: [initialSize()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in what is served (they would publish the source); SOURCEMAP=1 npm run
    // build makes them for a local debugging session.
    sourcemap: process.env.SOURCEMAP === '1',
    // The emoji data set (about 570 kB, 90 kB gzipped) is its own chunk, loaded the first time the
    // picker or `:` completion opens; the app itself stays well under this.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" for React Server Components; meaningless in
        // an SPA bundle, and Rollup warns about every one.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'SOURCEMAP_ERROR') return;
        warn(warning);
      },
    },
  },
  // Only vitest renders on the server side. react-router-dom gives Node its CommonJS copy unless
  // asked for `module-sync`, and that copy would require() react-router and React outside Vite.
  ssr: { resolve: { conditions: ['module-sync', ...defaultServerConditions] } },
  server: {
    proxy: {
      '/api': proxied,
      '/auth': proxied,
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // vitest leaves node_modules to Node, which would load real React for these libraries; run
    // them through Vite so that they get preact/compat too.
    server: { deps: { inline: ['react-router', 'react-router-dom', 'lucide-react', '@tanstack/react-virtual'] } },
  },
}));
