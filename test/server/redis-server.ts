/**
 * A real redis-server for the tests and the bench: Debian's binary on a free loopback port, persistence off,
 * stopped by its pid. No mock of Redis anywhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** Options of {@link startRedis}. */
export interface StartRedisOptions {
  /**
   * Extra server arguments, after the defaults (port, loopback bind, persistence off), e.g.
   * `['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru']` for an evicting Redis. Kept on `restart`.
   */
  args?: readonly string[];
}

export interface RedisServer {
  url: string;
  port: number;
  /** A connected client (no offline queue, errors collected rather than thrown); closed by `stop`. */
  connect(): Promise<RedisClient>;
  /** Stops the server (clients stay, reconnecting). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The servers this process started and has not stopped yet: killed if the test process exits first. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const one of running) one.kill('SIGKILL');
  });
}

/**
 * Starts `redis-server` with the given arguments (in `cwd` when given) and resolves once it accepts
 * connections; rejects with its last output if it exits first (a port taken meanwhile, a bad argument).
 */
export function launchRedisServer(args: readonly string[], cwd?: string): Promise<ChildProcess> {
  const child = spawn('redis-server', [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('error', (error) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
  });
}

const launch = (port: number, extra: readonly string[] = []) =>
  launchRedisServer(['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra]);

export const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/**
 * Starts redis-server on a free port (retrying if another process took the port meanwhile).
 *
 * @example
 * const evicting = await startRedis({ args: ['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru'] });
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const extra = options.args ?? [];
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, extra);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  let current: ChildProcess = child;
  const clients: RedisClient[] = [];
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    async connect() {
      const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 20 } });
      client.on('error', () => undefined); // a stopped server is part of some tests; the stores report it as 503
      await client.connect();
      clients.push(client);
      return client;
    },
    kill: () => stopped(current),
    async restart() {
      current = await launch(port, extra);
    },
    async stop() {
      for (const client of clients) client.destroy();
      await stopped(current);
    },
  };
}

/**
 * A redis-server for the whole test file: started before its tests, stopped after. `client()` is a connected
 * client on it, `server()` the server (to stop and restart it).
 */
export function redisForThisFile(options: StartRedisOptions = {}): { server: () => RedisServer; client: () => RedisClient } {
  let server: RedisServer | undefined;
  let client: RedisClient | undefined;
  beforeAll(async () => {
    server = await startRedis(options);
    client = await server.connect();
  });
  afterAll(() => server?.stop());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('redisForThisFile(): Redis is started in beforeAll');
    return value;
  };
  return { server: () => started(server), client: () => started(client) };
}
