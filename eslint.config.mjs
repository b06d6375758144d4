import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'apps/api/src/public/vendor/**',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The matching engine stays pure: no framework, database or queue imports.
    files: ['libs/matching/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        // @km/labels is plain data (the Swedish words of codes), so the engine's texts agree with the pages.
        {
          patterns: [
            '@nestjs/*',
            'typeorm',
            'bullmq',
            'ioredis',
            'pg',
            'fs',
            'node:fs',
            '@km/*',
            '!@km/labels',
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
