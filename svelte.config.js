// Read by vite-plugin-svelte, svelte-check and eslint-plugin-svelte alike: every component uses runes.
export default {
  compilerOptions: { runes: true },
};
