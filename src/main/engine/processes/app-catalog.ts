/**
 * The names behind a bucket's numbers: apps (kind and name) and the commands that stood for them
 * (pid and command line). Ids are handed out as names are first met and cached, so a pass that
 * meets nothing new does no I/O; a command's `last_seen` is refreshed at most hourly.
 *
 * @example
 * const catalog = new AppCatalog(db);
 * const id = catalog.appId({ kind: 'unit', name: 'nginx.service' });
 * catalog.app(id) // { kind: 'unit', name: 'nginx.service' }
 */
import type Database from 'better-sqlite3';
import type { AppKind } from '../../../shared/processes.js';
import { appKey, type AppIdentity } from '../collect/processes/app-identity.js';

const HOUR_MS = 3_600_000;
/** Command ids cached; beyond it the cache starts over (a repeat then costs one more row). */
const COMMAND_CACHE = 20_000;

export interface CommandInfo {
  readonly pid: number;
  readonly command: string;
}

export class AppCatalog {
  private readonly byKey = new Map<string, number>();
  private readonly byId = new Map<number, AppIdentity>();
  private loaded = false;
  private readonly commands = new Map<string, { id: number; lastSeen: number }>();
  private readonly statements: {
    insertApp: Database.Statement<[string, string], unknown>;
    findApp: Database.Statement<[string, string], number | undefined>;
    allApps: Database.Statement<[], { id: number; kind: string; name: string }>;
    insertCommand: Database.Statement<[number, number, string, number], unknown>;
    touchCommand: Database.Statement<[number, number], unknown>;
    command: Database.Statement<[number], { pid: number; command: string } | undefined>;
    deleteCommands: Database.Statement<[number], unknown>;
  };

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertApp: db.prepare('INSERT OR IGNORE INTO process_apps (kind, name) VALUES (?, ?)'),
      findApp: db.prepare<[string, string], number>('SELECT id FROM process_apps WHERE kind = ? AND name = ?').pluck(),
      allApps: db.prepare('SELECT id, kind, name FROM process_apps'),
      insertCommand: db.prepare('INSERT INTO process_commands (app_id, pid, command, last_seen) VALUES (?, ?, ?, ?)'),
      touchCommand: db.prepare('UPDATE process_commands SET last_seen = ? WHERE id = ?'),
      command: db.prepare('SELECT pid, command FROM process_commands WHERE id = ?'),
      deleteCommands: db.prepare('DELETE FROM process_commands WHERE last_seen < ?'),
    };
  }

  appId(app: AppIdentity): number {
    const key = appKey(app);
    let id = this.byKey.get(key);
    if (id === undefined) {
      // Another process (a second engine, a CLI) may have added it: find before inserting.
      this.statements.insertApp.run(app.kind, app.name);
      id = this.statements.findApp.get(app.kind, app.name)!;
      this.byKey.set(key, id);
      this.byId.set(id, app);
    }
    return id;
  }

  app(id: number): AppIdentity | undefined {
    let app = this.byId.get(id);
    if (!app && !this.loaded) {
      this.loaded = true;
      for (const row of this.statements.allApps.all()) {
        const known: AppIdentity = { kind: row.kind as AppKind, name: row.name };
        this.byId.set(row.id, known);
        this.byKey.set(appKey(known), row.id);
      }
      app = this.byId.get(id);
    }
    return app;
  }

  /** The id of this pid and command line standing for this app, seen at `at`. */
  commandId(appId: number, pid: number, command: string, at: number): number {
    const key = `${appId}\u0000${pid}\u0000${command}`;
    const known = this.commands.get(key);
    if (known) {
      if (at - known.lastSeen >= HOUR_MS) {
        this.statements.touchCommand.run(at, known.id);
        known.lastSeen = at;
      }
      return known.id;
    }
    if (this.commands.size >= COMMAND_CACHE) this.commands.clear();
    const id = Number(this.statements.insertCommand.run(appId, pid, command, at).lastInsertRowid);
    this.commands.set(key, { id, lastSeen: at });
    return id;
  }

  command(id: number): CommandInfo | undefined {
    return this.statements.command.get(id);
  }

  /** Drops commands no bucket from `before` on can name; returns how many. */
  deleteCommandsBefore(before: number): number {
    for (const [key, entry] of this.commands) if (entry.lastSeen < before) this.commands.delete(key);
    return this.statements.deleteCommands.run(before).changes;
  }
}
