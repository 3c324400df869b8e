import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openServices } from '../services/compose.js';
import { JsonFileSettings } from '../services/settings.js';
import { createHttpTransport } from './httpTransport.js';

/**
 * The browser transport as a process: the real services on a data folder, served to a browser
 * on 127.0.0.1. `npm run preview` starts it for a person; the end-to-end tests start it per test.
 * It prints one machine-readable line, `INTERDESK_READY {"url":…}`, when it listens.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: resolve('.interdesk-preview') },
    port: { type: 'string', default: '0' },
    static: { type: 'string', default: resolve(dirname(fileURLToPath(import.meta.url)), '../renderer') },
  },
});

const dataDir = resolve(values['data-dir']);
const settings = new JsonFileSettings(resolve(dataDir, 'settings.json'));
const services = openServices({ dataDir, settings });
const token = randomBytes(24).toString('base64url');
const server = createHttpTransport({ dispatch: services.dispatch, events: services.events, staticDir: resolve(values.static), token });

server.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/#token=${token}`;
  console.log(`INTERDESK_READY ${JSON.stringify({ url, port, token, dataDir })}`);
  console.log(`Interdesk preview: open ${url}\nData folder: ${dataDir}\nStop with Ctrl+C.`);
});

const shutdown = () => {
  server.closeAllConnections();
  server.close(() => {
    services.close();
    process.exit(0);
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
