// esbuild inlines .css files as text (see scripts/build.mjs).
declare module '*.css' {
  const text: string;
  export default text;
}
