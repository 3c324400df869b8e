import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Two real Syncthing daemons on 127.0.0.1, each with a folder of its own, paired to keep the two
 * folders the same: what two staff machines on a Syncthing-synced "shared folder" have. Global
 * and local discovery, relays, NAT traversal, usage reports and upgrades are off.
 */
export interface SyncthingPair {
  folders: [string, string];
  /** Whether the two daemons are connected to each other and their folders are ready. */
  connected(): Promise<boolean>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Peer {
  id: string;
  home: string;
  folder: string;
  listen: number;
  gui: number;
  apiKey: string;
  process?: ChildProcess;
}

function config(me: Peer, other: Peer): string {
  const device = (p: Peer, name: string) =>
    `<device id="${p.id}" name="${name}" compression="metadata"><address>tcp://127.0.0.1:${p.listen}</address></device>`;
  return `<configuration version="36">
  <folder id="interdesk" label="Interdesk" path="${me.folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
    <device id="${me.id}"></device>
    <device id="${other.id}"></device>
  </folder>
  ${device(me, 'me')}
  ${device(other, 'other')}
  <gui enabled="true" tls="false"><address>127.0.0.1:${me.gui}</address><apikey>${me.apiKey}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:${me.listen}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <startBrowser>false</startBrowser>
    <urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <crashReportingEnabled>false</crashReportingEnabled>
    <reconnectionIntervalS>1</reconnectionIntervalS>
  </options>
</configuration>
`;
}

export async function startSyncthingPair(root: string): Promise<SyncthingPair> {
  const peers: Peer[] = [];
  for (const name of ['a', 'b']) {
    const home = join(root, `syncthing-${name}`);
    const folder = join(root, `folder-${name}`);
    // The folder marker Syncthing requires before it syncs a folder.
    mkdirSync(join(folder, '.stfolder'), { recursive: true });
    execFileSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { stdio: 'ignore' });
    const id = execFileSync('syncthing', ['serve', `--home=${home}`, '--device-id'], { encoding: 'utf8' }).trim();
    peers.push({ id, home, folder, listen: await freePort(), gui: await freePort(), apiKey: `interdesk-test-${name}-${Date.now()}` });
  }
  const [a, b] = peers as [Peer, Peer];
  writeFileSync(join(a.home, 'config.xml'), config(a, b));
  writeFileSync(join(b.home, 'config.xml'), config(b, a));
  const rest = async <T>(p: Peer, path: string): Promise<T | null> => {
    try {
      const res = await fetch(`http://127.0.0.1:${p.gui}${path}`, { headers: { 'X-API-Key': p.apiKey } });
      return res.ok ? ((await res.json()) as T) : null;
    } catch {
      return null; // not listening yet
    }
  };
  // One after the other: a daemon that dials one not listening yet waits ~20 s to dial again.
  for (const p of peers) {
    p.process = spawn(
      'syncthing',
      ['serve', `--home=${p.home}`, '--no-browser', '--no-restart', '--no-upgrade', `--logfile=${join(p.home, 'syncthing.log')}`],
      {
        stdio: 'ignore',
        env: { ...process.env, STNODEFAULTFOLDER: '1', STNOUPGRADE: '1' },
      },
    );
    for (let waited = 0; !(await rest(p, '/rest/system/ping')); waited += 100) {
      if (waited > 20_000) throw new Error(`Syncthing did not start; see ${join(p.home, 'syncthing.log')}.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // Connected, and both folders scanned and idle: a change before that waits for a rescan.
  const connected = async () => {
    const links = await rest<{ connections: Record<string, { connected: boolean }> }>(a, '/rest/system/connections');
    if (links?.connections[b.id]?.connected !== true) return false;
    const states = await Promise.all(peers.map((p) => rest<{ state: string }>(p, '/rest/db/status?folder=interdesk')));
    return states.every((s) => s?.state === 'idle');
  };
  return {
    folders: [a.folder, b.folder],
    connected,
    stop: async () => {
      await Promise.all(
        peers.map(
          (p) =>
            new Promise<void>((done) => {
              if (!p.process || p.process.exitCode !== null) return done();
              p.process.once('exit', () => done());
              p.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
