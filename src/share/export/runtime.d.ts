/** Served by `hamiltonExportRuntime()` (build/exportRuntime.ts): an exported project's runtime files, path → text. */
declare module 'virtual:hamilton-export-runtime' {
  const files: Readonly<Record<string, string>>;
  export default files;
}
