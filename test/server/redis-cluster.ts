/**
 * A real local Redis Cluster for the tests: three masters (no replicas), each Debian's redis-server in a
 * temporary folder of its own, joined by `redis-cli --cluster create`. No mock of Redis anywhere.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient, createCluster } from 'redis';
import { launchRedisServer, stopped, type StartRedisOptions } from './redis-server';

export type RedisClusterClient = ReturnType<typeof createCluster>;

export interface RedisClusterServer {
  /** The masters' addresses, as `createCluster({ rootNodes })` takes them. */
  rootNodes: { url: string }[];
  ports: number[];
  /**
   * A connected cluster client (node-redis `createCluster`; no offline queue on its node clients, errors
   * collected rather than thrown); closed by `stop`.
   */
  connect(): Promise<RedisClusterClient>;
  /** Stops the master on `ports[index]` (SIGKILL): its slots go unserved; the others keep answering. */
  killNode(index: number): Promise<void>;
  /** Stops the nodes and removes their folders. */
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** Whether nothing listens on the loopback port (and so this process could bind it). */
const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/**
 * A port P with P and its cluster bus port P + 10000 both free. Drawn at random from 10000–22767, so that the
 * bus port stays under Linux's ephemeral range (32768 and up: outgoing connections do not take it meanwhile)
 * and parallel Jest workers rarely draw the same one. A collision that remains makes the node fail to start,
 * which `startRedisCluster` retries.
 */
async function freeClusterPort(taken: ReadonlySet<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 10000 + Math.floor(Math.random() * 12768);
    if (taken.has(port) || taken.has(port + 10000)) continue;
    if ((await isFree(port)) && (await isFree(port + 10000))) return port;
  }
  throw new Error('no free port pair (P, P + 10000) for a cluster node');
}

interface ClusterNode {
  port: number;
  folder: string;
  child: ChildProcess;
}

async function startNode(taken: Set<number>, extra: readonly string[]): Promise<ClusterNode> {
  for (let attempt = 0; ; attempt++) {
    const port = await freeClusterPort(taken);
    const folder = await mkdtemp(join(tmpdir(), `tfv-redis-cluster-${port}-`));
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    args.push('--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', folder, ...extra);
    try {
      const child = await launchRedisServer(args, folder);
      taken.add(port).add(port + 10000);
      return { port, folder, child };
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      if (attempt >= 4) throw error;
    }
  }
}

/** `CLUSTER INFO` on one node says `cluster_state:ok` (it sees every slot served). */
async function clusterStateOk(port: number): Promise<boolean> {
  const client = createClient({ url: `redis://127.0.0.1:${port}`, disableOfflineQueue: true });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return /cluster_state:ok/.test(await client.clusterInfo());
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a three-master Redis Cluster on loopback ports (each node's port and bus port free), joins it with
 * `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes` and resolves once every node reports
 * `cluster_state:ok`. Needs Debian's `redis-server` and `redis-tools` (redis-cli). `args` are given to every
 * node, e.g. `['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']`.
 *
 * @example
 * const cluster = await startRedisCluster();
 * const client = await cluster.connect(); // node-redis createCluster({ rootNodes })
 * await cluster.stop();
 */
export async function startRedisCluster(options: StartRedisOptions = {}): Promise<RedisClusterServer> {
  const nodes: ClusterNode[] = [];
  const clients: RedisClusterClient[] = [];
  const stop = async () => {
    for (const client of clients) client.destroy();
    await Promise.all(nodes.map((node) => stopped(node.child)));
    await Promise.all(nodes.map((node) => rm(node.folder, { recursive: true, force: true })));
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; i < 3; i++) nodes.push(await startNode(taken, options.args ?? []));
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 }).catch(
      (error: Error & { stdout?: string; stderr?: string }) => {
        throw new Error(`redis-cli --cluster create failed (apt-get install redis-tools): ${error.message}\n${error.stdout ?? ''}`);
      },
    );
    await waitUntil(
      async () => (await Promise.all(nodes.map((node) => clusterStateOk(node.port)))).every(Boolean),
      20_000,
      'cluster_state:ok',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const rootNodes = nodes.map((node) => ({ url: `redis://127.0.0.1:${node.port}` }));
  return {
    rootNodes,
    ports: nodes.map((node) => node.port),
    async connect() {
      const client = createCluster({
        rootNodes,
        defaults: { disableOfflineQueue: true, socket: { reconnectStrategy: () => 20 } },
      });
      client.on('error', () => undefined); // a stopped node is part of some tests; the stores report it as 503
      await client.connect();
      clients.push(client);
      return client;
    },
    async killNode(index) {
      const node = nodes[index];
      if (node === undefined) throw new Error(`no cluster node ${index}`);
      await stopped(node.child);
    },
    stop,
  };
}

/**
 * A Redis Cluster for the whole test file: started before its tests, stopped after. `client()` is a connected
 * cluster client on it, `server()` the cluster.
 */
export function redisClusterForThisFile(options: StartRedisOptions = {}): {
  server: () => RedisClusterServer;
  client: () => RedisClusterClient;
} {
  let server: RedisClusterServer | undefined;
  let client: RedisClusterClient | undefined;
  beforeAll(async () => {
    server = await startRedisCluster(options);
    client = await server.connect();
  }, 60_000);
  afterAll(() => server?.stop());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('redisClusterForThisFile(): the cluster is started in beforeAll');
    return value;
  };
  return { server: () => started(server), client: () => started(client) };
}

/**
 * Runs `command` on every master of a cluster client, in `cluster.masters` order: node-redis v5 sends a
 * keyless command (CONFIG GET, FLUSHALL, INFO) to one node only, so a per-server setting is read this way.
 *
 * @example
 * const policies = await onEveryMaster(cluster, (node) => node.configGet('maxmemory-policy'));
 * // [{ 'maxmemory-policy': 'noeviction' }, …], one per master
 */
export function onEveryMaster<T>(
  cluster: RedisClusterClient,
  command: (node: Awaited<ReturnType<RedisClusterClient['nodeClient']>>, address: string) => Promise<T>,
): Promise<T[]> {
  return Promise.all(cluster.masters.map(async (master) => command(await cluster.nodeClient(master), master.address)));
}

/** The address (`host:port`) of the master serving `key`'s slot, as the cluster client's slot map has it. */
export async function masterOf(cluster: RedisClusterClient, key: string): Promise<string> {
  const slot = Number(await cluster.sendCommand(key, true, ['CLUSTER', 'KEYSLOT', key]));
  const master = cluster.slots[slot]?.master.address;
  if (master === undefined) throw new Error(`no master serves slot ${slot}`);
  return master;
}
