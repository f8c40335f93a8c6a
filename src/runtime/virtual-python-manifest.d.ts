// The manifest a build writes to wheels/manifest.json, made known to the worker at build time by
// scripts/vite/python-files.ts; null in development and when nothing is provisioned.
declare module 'virtual:retort/python-manifest' {
  const manifest: import('./manifest.ts').Manifest | null;
  export default manifest;
}
