declare module 'virtual:hamilton-typings' {
  /** The declarations of `hamilton` and `hamilton/frame`, as extra libs (see build/typings.ts). */
  const libs: readonly { readonly path: string; readonly content: string }[];
  export default libs;
}
