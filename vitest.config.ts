import { defineConfig } from 'vitest/config';

// One runner for every package: tests sit next to the code they test (src/**/*.test.ts),
// and packages import each other through their TypeScript sources (the @nextstep/source
// export condition), so no build is needed before testing.
export default defineConfig({
  resolve: { conditions: ['@nextstep/source'] },
  ssr: { resolve: { conditions: ['@nextstep/source'], externalConditions: ['@nextstep/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'] },
  },
});
