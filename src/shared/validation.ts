/**
 * The schema library, configured once. Dashlight uses zod/mini (the same validator as zod, with a
 * functional API) because it costs the engine ~5 MB less memory; English messages are loaded here
 * so every error names the problem in words.
 *
 * @example
 * import { z } from './validation.js';
 * const port = z.int().check(z.minimum(1), z.maximum(65535));
 */
import * as z from 'zod/mini';

z.config(z.locales.en());

export { z };
