// The InfluxDB 1.x harness against the real Debian influxd: database, old timestamps, exact
// counts (re-sends overwrite themselves), and a clean stop.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInfluxDB, type InfluxDB } from './influxdb.js';
import { describeWithBinary } from './system-dependency.js';

const WEEK_AGO = Date.now() - 7 * 86_400_000;

const isAlive = (pid: number | undefined): boolean => {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
};

describeWithBinary('influxd', 'InfluxDB 1.x harness', (binary) => {
  let influx: InfluxDB;
  beforeAll(async () => {
    influx = await startInfluxDB({ binary });
    await influx.createDatabase('dashlight');
  });
  afterAll(async () => {
    await influx?.stop();
  });

  const write = (body: string, db = 'dashlight') =>
    fetch(`${influx.url}/write?db=${db}&precision=ms`, { method: 'POST', body }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  it('accepts points 7 days old and counts them across series', async () => {
    const body = [
      `dashlight,host=a cpu=1,mem=2 ${WEEK_AGO}`,
      `dashlight,host=a cpu=2 ${WEEK_AGO + 1000}`,
      `dashlight,host=b cpu=3 ${WEEK_AGO}`,
    ].join('\n');
    expect(await write(body)).toEqual({ status: 204, text: '' });
    expect(await influx.count('dashlight', 'dashlight', 'cpu')).toBe(3);
    expect(await influx.count('dashlight', 'dashlight', 'mem')).toBe(1);
    // A re-send of the same points overwrites them: still 3.
    expect((await write(body)).status).toBe(204);
    expect(await influx.count('dashlight', 'dashlight', 'cpu')).toBe(3);
  });

  it('answers queries with ms timestamps, and keeps the default retention infinite', async () => {
    const result = await influx.query('dashlight', 'SELECT "cpu" FROM "dashlight" WHERE "host" = \'a\'');
    expect(result).toMatchObject({
      results: [
        {
          series: [
            {
              values: [
                [WEEK_AGO, 1],
                [WEEK_AGO + 1000, 2],
              ],
            },
          ],
        },
      ],
    });
    const policies = await influx.query('dashlight', 'SHOW RETENTION POLICIES');
    expect(policies).toMatchObject({
      results: [{ series: [{ values: [['autogen', '0s', expect.any(String), 1, true]] }] }],
    });
  });

  it('counts 0 for an empty measurement, and reports query errors', async () => {
    expect(await influx.count('dashlight', 'nothing', 'cpu')).toBe(0);
    await expect(influx.query('nope', 'SELECT count("cpu") FROM "x"')).rejects.toThrow(/database not found: nope/);
    expect((await write('x v=1', 'nope')).status).toBe(404);
  });

  it('stops the process and removes its data', async () => {
    const other = await startInfluxDB({ binary });
    expect(isAlive(other.pid)).toBe(true);
    await other.stop();
    await other.stop();
    expect(isAlive(other.pid)).toBe(false);
    expect(existsSync(other.dataDir)).toBe(false);
  });
});
