/** The app version, injected at build time from package.json (see vite.config.ts). */
declare const __DASHLIGHT_VERSION__: string | undefined;

export const VERSION: string = typeof __DASHLIGHT_VERSION__ === 'string' ? __DASHLIGHT_VERSION__ : '0.0.0-dev';
