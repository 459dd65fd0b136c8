/**
 * The application id. It must match `appId` in electron-builder.yml: Windows attributes toasts to
 * the app whose AppUserModelId equals the installed shortcut's, so a mismatch silences them.
 *
 * @example
 * app.setAppUserModelId(APP_ID);
 */
export const APP_ID = 'io.dashlight.app';
