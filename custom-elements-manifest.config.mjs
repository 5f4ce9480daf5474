// custom-elements.json (checked in, `"customElements"` in package.json) is generated from the element
// classes' JSDoc. The base class is analysed too so that inherited public members (`lang`) are listed.
// `npm run cem` writes it; widgets/scripts/check-cem.mjs fails when the checked-in copy is stale.

/**
 * The manifest documents the public API: private and protected members are left out. Modules are
 * sorted by path, because the analyzer lists them in file-system order, which varies between runs.
 */
function publicApiOnly() {
  return {
    name: 'ig-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('_'),
          );
        }
      }
    },
  };
}

export default {
  globs: ['widgets/src/components/**/*.ts', 'widgets/src/base/ig-element.ts', 'widgets/src/base/data-element.ts'],
  exclude: ['**/*.test.ts', '**/*.styles.ts', '**/*.define.ts'],
  outdir: '.',
  litelement: true,
  // package.json already has "customElements": "custom-elements.json"; never let the analyzer rewrite it
  // (it would, with a temporary path, when check-cem.mjs generates into a temporary directory).
  packagejson: false,
  plugins: [publicApiOnly()],
};
