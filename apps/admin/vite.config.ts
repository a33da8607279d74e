import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
  server: {
    port: 5173,
    // `npm run dev -w @modelgate/admin` talks to an API started with `npm start`.
    proxy: { '/graphql': 'http://localhost:4000', '/healthz': 'http://localhost:4000', '/readyz': 'http://localhost:4000' },
  },
});
