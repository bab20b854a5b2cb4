// Lint rules that keep the architecture visible: only the VS Code adapter may touch the `vscode` API.
import tseslint from 'typescript-eslint';

const banVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'vscode', message: "Only src/vscode/ may import 'vscode': keep core, protocol, trainer and webviews host-independent." }],
    },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']",
      message: "Only src/vscode/ may require 'vscode'.",
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.e2e/**', '*.vsix', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    rules: {
      ...banVscode,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
