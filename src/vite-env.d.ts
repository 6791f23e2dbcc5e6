/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

interface ImportMetaEnv {
  /** '1' in the build the browser tests use: turns the `e2e.*` test hooks on. */
  readonly VITE_TEST_HOOKS?: string;
}
