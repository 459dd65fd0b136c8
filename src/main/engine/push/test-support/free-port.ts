/**
 * Free TCP ports on 127.0.0.1, for servers the tests start. The kernel picks them (port 0), so
 * parallel test files do not collide the way fixed ports would. Between closing our probe and the
 * server binding, another process could take the port; the start-up helpers retry on
 * "address already in use" for that reason.
 *
 * @example
 * const port = await freePort();
 * const [http, rpc] = await freePorts(2); // distinct: all probes stay open until every port is known
 */
import { createServer, type AddressInfo, type Server } from 'node:net';

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listen());
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port on 127.0.0.1');
  return port;
}
