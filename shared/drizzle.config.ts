import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './shared/src/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
