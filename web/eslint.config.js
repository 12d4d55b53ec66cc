import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The generated types are the Rust side's output, checked by tsc but not linted.
  { ignores: ['dist', 'test-results', 'node_modules', 'src/api/types.generated.ts'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Event handlers may start async work; React ignores their return value.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // The app is written against React's API and its types (@types/react, which tsc checks),
      // but Preact renders it through preact/compat (vite.config.ts). What compat lacks, or does
      // otherwise than React, is refused here, since tsc cannot see it.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react',
              importNames: ['useActionState', 'useOptimistic', 'Activity', 'ViewTransition', 'Profiler', 'cache', 'captureOwnerStack', 'act'],
              message: 'preact/compat has no such export (the app renders with Preact: vite.config.ts).',
            },
            {
              name: 'react-dom',
              importNames: ['useFormStatus', 'useFormState', 'requestFormReset', 'preconnect', 'prefetchDNS', 'preinit', 'preinitModule', 'preload', 'preloadModule'],
              message: 'preact/compat has no such export (the app renders with Preact: vite.config.ts).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='autoFocus']",
          message: 'Preact only writes the autofocus attribute, which a browser honours once per page load at most: use ref={autoFocus} (ui/autoFocus.ts).',
        },
        {
          selector: "JSXOpeningElement[name.name=/^(input|textarea)$/] > JSXAttribute[name.name='onSelect']",
          message: "Under Preact, onSelect is the browser's select event (a range selected), not each move of the caret: use useCaret (ui/useCaret.ts).",
        },
        {
          selector: "JSXAttribute[name.name='spellCheck'] > JSXExpressionContainer",
          message: 'Preact leaves out an attribute set to false, so spellCheck={false} would turn spelling checks on: write spellCheck="false".',
        },
        {
          selector: "JSXAttribute[name.name=/^(action|formAction)$/] > JSXExpressionContainer",
          message: 'Preact has no form actions (React 19): use onSubmit.',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}', 'vite.config.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
