/**
 * The MQTT module's migration: the Home Assistant entities this machine has announced (their
 * retained discovery topics), so one that is no longer chosen is removed from Home Assistant even
 * across a restart. Frozen, like every migration.
 *
 * @example
 * export const mqttModule = defineModule({ migrations: { '0007_mqtt': m0007Mqtt }, ... });
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0007Mqtt: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mqtt_entities')
      // The retained discovery topic: what is published empty to remove the entity.
      .addColumn('topic', 'text', (col) => col.primaryKey())
      // The chosen series (mqtt.series item) that brought it, and the series key it shows.
      .addColumn('selector', 'text', (col) => col.notNull())
      .addColumn('series', 'text', (col) => col.notNull())
      .addColumn('announced_at', 'integer', (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('mqtt_entities').execute();
  },
};
