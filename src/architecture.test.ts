// The layer arrows of docs/ARCHITECTURE.md ("Layers") are enforced by ESLint; this proves each
// rule fires where it must, and stays quiet where the code is allowed.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: `${import.meta.dirname}/..` });

const LAYER_RULES = ['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals'];

/** The messages of the layer rules for `code` as if it were the file at `filePath`. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => LAYER_RULES.includes(m.ruleId ?? '')).map((m) => m.message);
}

const importing = (what: string) => `import * as m from '${what}';\nexport const a = m;\n`;
const loading = (what: string) => `export const a = () => import('${what}');\n`;

describe('layer rules', () => {
  it('the engine never imports electron or a transport', async () => {
    expect(await violations('src/main/engine/probe.ts', importing('electron'))).toHaveLength(1);
    expect(await violations('src/main/engine/store/probe.ts', importing('electron-store'))).toHaveLength(1);
    expect(await violations('src/main/engine/probe.ts', importing('../cli/main.js'))).toHaveLength(1);
  });

  it('a dynamic import() crosses no boundary either', async () => {
    expect(await violations('src/main/engine/probe.ts', loading('electron'))).toEqual([
      'Only src/main/desktop and src/preload may import electron.',
    ]);
    expect(await violations('src/main/engine/probe.ts', loading('../cli/main.js'))).toEqual([
      'This import crosses a layer boundary (see "Layers" in docs/ARCHITECTURE.md).',
    ]);
    expect(await violations('src/renderer/probe.ts', loading('node:fs'))).toHaveLength(1);
    expect(await violations('src/main/desktop/probe.ts', loading('../server/http-server.js'))).toHaveLength(1);
    // What the layers allow stays allowed: the engine's lazy systeminformation, the CLI's lazy server.
    expect(await violations('src/main/engine/collect/probe.ts', loading('systeminformation'))).toEqual([]);
    expect(await violations('src/main/cli/probe.ts', loading('../server/serve-command.js'))).toEqual([]);
  });

  it('shared imports no Node API and nothing of ours', async () => {
    expect(await violations('src/shared/probe.ts', importing('node:fs'))).toHaveLength(1);
    expect(await violations('src/shared/probe.ts', importing('../main/engine/engine.js'))).toHaveLength(1);
  });

  it('the renderer never imports main', async () => {
    expect(await violations('src/renderer/probe.ts', importing('../main/engine/engine.js'))).toHaveLength(1);
  });

  it('the desktop shell may import electron and the engine, never a transport or the page', async () => {
    expect(await violations('src/main/desktop/probe.ts', importing('electron'))).toEqual([]);
    expect(await violations('src/main/desktop/probe.ts', importing('../engine/engine.js'))).toEqual([]);
    expect(await violations('src/main/desktop/probe.ts', importing('../server/http-server.js'))).toHaveLength(1);
    expect(await violations('src/main/desktop/probe.ts', importing('../cli/main.js'))).toHaveLength(1);
    expect(await violations('src/main/desktop/probe.ts', importing('../../renderer/App.svelte'))).toHaveLength(1);
  });

  it('the preload imports electron and shared only', async () => {
    expect(await violations('src/preload/probe.ts', importing('electron'))).toEqual([]);
    expect(await violations('src/preload/probe.ts', importing('../shared/contract.js'))).toEqual([]);
    expect(await violations('src/preload/probe.ts', importing('../main/engine/engine.js'))).toHaveLength(1);
    expect(await violations('src/preload/probe.ts', importing('../renderer/App.svelte'))).toHaveLength(1);
    expect(await violations('src/preload/probe.ts', importing('node:fs'))).toHaveLength(1);
  });

  it("Node's globals exist only where Node runs", async () => {
    const env = 'export const home = process.env.HOME;\n';
    expect(await violations('src/shared/probe.ts', env)).toEqual([
      "Unexpected use of 'process'. src/shared does not run in Node: `process` is not there.",
    ]);
    expect(await violations('src/renderer/probe.ts', env)).toHaveLength(1);
    expect(await violations('src/main/engine/probe.ts', env)).toEqual([]);
    // Electron's sandboxed preload has `process` and `Buffer`, but no module system of Node's.
    expect(await violations('src/preload/probe.ts', env)).toEqual([]);
    expect(await violations('src/preload/probe.ts', 'export const here = __dirname;\n')).toEqual([
      "Unexpected use of '__dirname'. Electron's sandboxed preload does not run in Node: `__dirname` is not there.",
    ]);
  });

  it("the main process reads the time only through the engine's clock", async () => {
    const clockMessage = "Read the time from the engine's Clock (schedule/clock.ts), so tests control it.";
    expect(await violations('src/main/engine/probe.ts', 'export const t = Date.now();\n')).toEqual([clockMessage]);
    expect(await violations('src/main/server/probe.ts', 'export const t = new Date();\n')).toEqual([clockMessage]);
    expect(await violations('src/main/desktop/probe.ts', 'export const t = Date.now();\n')).toEqual([clockMessage]);
    // A known time is not a reading of the clock; tests hold their own clocks.
    expect(await violations('src/main/engine/probe.ts', 'export const t = new Date(0);\n')).toEqual([]);
    expect(await violations('src/main/engine/probe.test.ts', 'export const t = Date.now();\n')).toEqual([]);
  });

  it('the server never imports the CLI, which may start the server', async () => {
    expect(await violations('src/main/server/probe.ts', importing('../cli/cli-io.js'))).toHaveLength(1);
    expect(await violations('src/main/cli/commands/probe.ts', importing('../../server/http-server.js'))).toEqual([]);
  });
});
