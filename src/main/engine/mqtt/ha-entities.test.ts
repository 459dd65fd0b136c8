import { describe, expect, it } from 'vitest';
import { stateMessage } from './ha-discovery.js';
import { chosenEntities, haEntity, selects } from './ha-entities.js';
import { brokerLabel, mqttTopics, nodeIdFor, slug } from './mqtt-topics.js';

describe('topics and ids', () => {
  it('makes the node id from the host name in the characters Home Assistant allows', () => {
    expect(nodeIdFor('Desk PC.lan')).toBe('desk_pc_lan');
    expect(nodeIdFor('___')).toBe('dashlight');
    expect(slug('/mnt/My Disk')).toBe('mnt_my_disk');
    const topics = mqttTopics({ topicPrefix: 'home/pcs', discoveryPrefix: 'ha', nodeId: null }, 'Desk PC.lan');
    expect([topics.state, topics.availability, topics.homeAssistantStatus]).toEqual([
      'home/pcs/desk_pc_lan/state',
      'home/pcs/desk_pc_lan/availability',
      'ha/status',
    ]);
    expect(topics.config('binary_sensor', 'battery_charging')).toBe(
      'ha/binary_sensor/desk_pc_lan/battery_charging/config',
    );
    expect(mqttTopics({ topicPrefix: 'd', discoveryPrefix: 'ha', nodeId: 'study' }, 'x').state).toBe('d/study/state');
    expect(brokerLabel('mqtts://broker.lan:8883/')).toBe('mqtts://broker.lan:8883');
  });
});

describe('the entities of the chosen series', () => {
  it('takes a per-entity metric without an entity as every entity seen, in the order chosen', () => {
    expect(selects('fs.used_pct', 'fs.used_pct[/home]')).toBe(true);
    expect(selects('fs.used_pct', 'fs.used[/home]')).toBe(false);
    expect(selects('net.rx', 'net.rx[eth0]')).toBe(true);
    expect(selects('cpu.total', 'cpu.total')).toBe(true);
    expect(selects('net.rx[eth0]', 'net.rx[wlan0]')).toBe(false);
    const seen = ['swap.percent', 'fs.used_pct[/home]', 'cpu.total', 'fs.used_pct[/]', 'net.rx', 'net.rx[eth0]'];
    expect(chosenEntities(['cpu.total', 'fs.used_pct', 'net.rx'], seen).map((e) => e.objectId)).toEqual([
      'cpu_total',
      'fs_used_pct_root',
      'fs_used_pct_home',
      'net_rx',
      'net_rx_eth0',
    ]);
  });

  it('keeps two keys apart whose object ids would be the same', () => {
    const ids = chosenEntities(['fs.used_pct'], ['fs.used_pct[/a-b]', 'fs.used_pct[/a_b]', 'fs.used_pct[/c]']).map(
      (e) => e.objectId,
    );
    expect(ids[2]).toBe('fs_used_pct_c');
    expect(ids[0]).toMatch(/^fs_used_pct_a_b_[0-9a-f]{8}$/);
    expect(ids[1]).toMatch(/^fs_used_pct_a_b_[0-9a-f]{8}$/);
    expect(ids[0]).not.toBe(ids[1]);
    // Stable: the same keys give the same ids, whatever order they were seen in.
    expect(
      chosenEntities(['fs.used_pct'], ['fs.used_pct[/c]', 'fs.used_pct[/a_b]', 'fs.used_pct[/a-b]']).map(
        (e) => e.objectId,
      ),
    ).toEqual(ids);
  });

  it('gives each unit the device class, unit and state class Home Assistant documents', () => {
    const shape = (key: string) => {
      const e = haEntity(key)!;
      return [e.component, e.deviceClass, e.unit, e.stateClass];
    };
    expect(shape('net.rx[eth0]')).toEqual(['sensor', 'data_rate', 'B/s', 'measurement']);
    expect(shape('net.tx_total[eth0]')).toEqual(['sensor', 'data_size', 'B', 'total_increasing']);
    expect(shape('battery.percent')).toEqual(['sensor', 'battery', '%', 'measurement']);
    expect(shape('battery.time_left')).toEqual(['sensor', 'duration', 's', 'measurement']);
    expect(shape('load.1')).toEqual(['sensor', null, null, 'measurement']);
    expect(shape('battery.charging')).toEqual(['binary_sensor', 'battery_charging', null, null]);
    expect(haEntity('no.such')).toBeNull();
  });

  it('writes a state message with every entity, null where there is no current value', () => {
    const entities = chosenEntities(['cpu.total', 'temp.cpu'], ['cpu.total', 'temp.cpu']);
    const values = new Map([['cpu.total', 12.5]]);
    expect(stateMessage(Date.UTC(2026, 0, 1), entities, (key) => values.get(key) ?? null)).toBe(
      '{"time":"2026-01-01T00:00:00.000Z","cpu_total":12.5,"temp_cpu":null}',
    );
  });
});
