/**
 * The secret codec: how the secrets of the settings (fields declared with `secret()`, see
 * src/shared/secrets.ts) are kept at rest and opened where they are used. The shell plugs in its
 * `SecretSealer`: the desktop app seals with the OS keyring (`enc:v1:…`, token-vault.ts); the
 * headless engine keeps text as given and cannot open a sealed value. Both open references:
 * `{ "env": "NAME" }` (an environment variable) and `{ "file": "/path" }` (a file only its owner
 * may read, mode 0600 or stricter).
 *
 * Settings in memory hold secrets as stored (sealed, a reference, or text); a secret is opened only
 * at the moment it is sent, so a rotated file is read again and nothing else ever sees the text.
 *
 * @example
 * const codec = new SecretCodec(headlessSealer);
 * codec.problem({ env: 'VM_TOKEN' }); // 'the environment variable VM_TOKEN is not set' or null
 * const target = codec.openAll(pushTargetSchema, settings.push.targets[0]); // auth in clear, or throws
 * codec.redact(settings); // every secret a marker: what getSettings returns
 */
import { readFileSync, statSync } from 'node:fs';
import type { z } from '../../../shared/validation.js';
import { isSecretMarker, last4, mapSecrets, redactSecrets, type Clear, type Secret } from '../../../shared/secrets.js';
import { settingsSchema, type Settings } from '../../../shared/settings.js';

export const SEALED_PREFIX = 'enc:v1:';
export const isSealed = (text: string): boolean => text.startsWith(SEALED_PREFIX);

/** A secret that cannot be opened here; the message says why and what to do, never the value. */
export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
}

export interface SecretProblem {
  /** Where the secret is, e.g. `push.targets.0.auth.token`. */
  readonly path: string;
  readonly problem: string;
}

/** How a shell keeps secrets at rest. */
export interface SecretSealer {
  /** Seals one secret for config.json; throws (naming the remedy) when it cannot be kept safely. */
  seal(plain: string, settings: Settings): string;
  /** Opens an `enc:v1:` value; throws SecretUnavailableError when it cannot. */
  open(sealed: string): string;
}

export const SEALED_ELSEWHERE =
  'it was sealed by the desktop app with the OS keyring (enc:v1:…), which the headless engine cannot open; ' +
  'give it as { "env": "NAME" } or { "file": "/path/to/0600-file" } in config.json (see "Secrets" in the README)';

/** The headless engine: text is stored as given (use a reference to keep it out of config.json). */
export const headlessSealer: SecretSealer = {
  seal: (plain) => plain,
  open: () => {
    throw new SecretUnavailableError(SEALED_ELSEWHERE);
  },
};

export interface SecretCodecOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
}

export class SecretCodec {
  private readonly env: NodeJS.ProcessEnv;
  private readonly platform: NodeJS.Platform;
  /** A sealed value → the last four characters its marker shows. */
  private readonly peeked = new Map<string, string | null>();

  constructor(
    readonly sealer: SecretSealer,
    options: SecretCodecOptions = {},
  ) {
    this.env = options.env ?? process.env;
    this.platform = options.platform ?? process.platform;
  }

  /** The text of one secret; throws SecretUnavailableError saying why it cannot be had. */
  open(value: Secret): string {
    if (isSecretMarker(value)) throw new SecretUnavailableError('no secret is stored');
    if (typeof value === 'string') return isSealed(value) ? this.sealer.open(value) : value;
    return 'env' in value ? this.fromEnv(value.env) : this.fromFile(value.file);
  }

  /** Why the secret cannot be opened, or null when it can. */
  problem(value: Secret): string | null {
    try {
      this.open(value);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** `value` (described by `schema`) with every secret opened; throws the first that cannot be, naming its field. */
  openAll<T>(schema: z.ZodMiniType, value: T): Clear<T> {
    return mapSecrets(schema, value, (stored, path) => {
      try {
        return this.open(stored);
      } catch (error) {
        throw new SecretUnavailableError(`${path}: ${(error as Error).message}`, { cause: error });
      }
    }) as Clear<T>;
  }

  /** Every secret in `value` that cannot be opened, with its dotted path (start-up warnings, doctor, status). */
  problems<T>(schema: z.ZodMiniType, value: T): SecretProblem[] {
    const found: SecretProblem[] = [];
    mapSecrets(schema, value, (stored, path) => {
      const problem = this.problem(stored);
      if (problem !== null) found.push({ path, problem });
      return stored;
    });
    return found;
  }

  /** The settings as written to config.json: every secret typed in clear sealed by the shell. */
  seal(settings: Settings): Settings {
    return mapSecrets(settingsSchema, settings, (stored) =>
      typeof stored === 'string' && stored !== '' && !isSealed(stored) ? this.sealer.seal(stored, settings) : stored,
    );
  }

  /**
   * The settings as every interface shows them: secrets as markers, URL credentials as `***`. A
   * sealed secret is opened once for its last four characters (the keyring is not asked on every read).
   */
  redact(settings: Settings): Settings {
    return redactSecrets(settingsSchema, settings, (stored) => {
      if (!isSealed(stored)) return last4(stored);
      if (!this.peeked.has(stored)) {
        let shown: string | null;
        try {
          shown = last4(this.sealer.open(stored));
        } catch {
          shown = null;
        }
        // Only what the marker shows is kept, never the secret.
        this.peeked.set(stored, shown);
      }
      return this.peeked.get(stored) ?? null;
    });
  }

  private fromEnv(name: string): string {
    const value = this.env[name];
    if (value === undefined || value === '')
      throw new SecretUnavailableError(`the environment variable ${name} is not set (or is empty)`);
    return value;
  }

  private fromFile(path: string): string {
    let mode: number;
    try {
      const info = statSync(path);
      if (!info.isFile()) throw new SecretUnavailableError(`${path} is not a file`);
      mode = info.mode;
    } catch (error) {
      if (error instanceof SecretUnavailableError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new SecretUnavailableError(
        code === 'ENOENT' ? `the file ${path} does not exist` : `cannot read the file ${path} (${code})`,
      );
    }
    // Group and others must not read a credential: the same rule ssh applies to its keys.
    if (this.platform !== 'win32' && (mode & 0o077) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(4, '0');
      throw new SecretUnavailableError(
        `the file ${path} can be read by other users (mode ${octal}); run chmod 600 ${path}`,
      );
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new SecretUnavailableError(`cannot read the file ${path} (${(error as NodeJS.ErrnoException).code})`);
    }
    // One trailing line break is how editors and `echo` leave a file; it is not part of the secret.
    const secret = text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
    if (secret === '') throw new SecretUnavailableError(`the file ${path} is empty`);
    return secret;
  }
}
