// The layer arrows of docs/ARCHITECTURE.md are enforced by ESLint; this proves each rule fires where it must.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: `${import.meta.dirname}/..` });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('the engine never imports electron or a transport', async () => {
    expect(
      await restrictedImports('src/main/engine/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/main/engine/store/probe.ts',
        "import Store from 'electron-store';\nexport const a = Store;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/main/engine/probe.ts',
        "import { main } from '../cli/main.js';\nexport const a = main;\n",
      ),
    ).toHaveLength(1);
  });

  it('shared imports no Node API and nothing of ours', async () => {
    expect(
      await restrictedImports(
        'src/shared/probe.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/shared/probe.ts',
        "import { Engine } from '../main/engine/engine.js';\nexport const a = Engine;\n",
      ),
    ).toHaveLength(1);
  });

  it('the renderer never imports main', async () => {
    expect(
      await restrictedImports(
        'src/renderer/probe.ts',
        "import { Engine } from '../main/engine/engine.js';\nexport const a = Engine;\n",
      ),
    ).toHaveLength(1);
  });

  it('the server never imports the CLI, which may start the server', async () => {
    expect(
      await restrictedImports(
        'src/main/server/probe.ts',
        "import { UsageError } from '../cli/cli-io.js';\nexport const a = UsageError;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'src/main/cli/commands/probe.ts',
        "import { startServer } from '../../server/http-server.js';\nexport const a = startServer;\n",
      ),
    ).toEqual([]);
  });

  it('the desktop shell may import electron', async () => {
    expect(
      await restrictedImports('src/main/desktop/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toEqual([]);
  });
});
