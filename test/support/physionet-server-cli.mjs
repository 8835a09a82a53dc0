// Runs test/support/physionet-server.mjs in its own process (for tests that block on spawnSync): prints the base URL
// on its first line and serves until killed. argv: <db/version>=<folder> …
import { physionetServer } from './physionet-server.mjs';
const folders = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const srv = await physionetServer(folders);
process.stdout.write(srv.baseUrl + '\n');
