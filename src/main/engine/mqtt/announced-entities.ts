/**
 * The discovery topics this machine has published, kept in the database (migration 0007): the
 * record of what Home Assistant holds, so an entity whose series is no longer chosen, or whose
 * node id or discovery prefix changed, is removed there by an empty retained message.
 *
 * @example
 * const announced = new AnnouncedEntities(store.connection);
 * announced.record('homeassistant/sensor/desk/cpu_total/config', 'cpu.total', 'cpu.total', now);
 * announced.all(); // [{ topic, selector: 'cpu.total', series: 'cpu.total' }]
 */
import type Database from 'better-sqlite3';

export interface AnnouncedEntity {
  readonly topic: string;
  readonly selector: string;
  readonly series: string;
}

export class AnnouncedEntities {
  private readonly upsert: Database.Statement<[string, string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly list: Database.Statement<[], AnnouncedEntity>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO mqtt_entities (topic, selector, series, announced_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (topic) DO UPDATE SET selector = excluded.selector, series = excluded.series,
         announced_at = excluded.announced_at`,
    );
    this.remove = db.prepare('DELETE FROM mqtt_entities WHERE topic = ?');
    this.list = db.prepare('SELECT topic, selector, series FROM mqtt_entities ORDER BY topic');
  }

  record(topic: string, selector: string, series: string, at: number): void {
    this.upsert.run(topic, selector, series, at);
  }

  forget(topic: string): void {
    this.remove.run(topic);
  }

  all(): AnnouncedEntity[] {
    return this.list.all();
  }
}
