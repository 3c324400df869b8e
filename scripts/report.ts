// `npm run report -- --from 2026-10-01 --to 2026-12-31 --format csv`: the Reviews screen's figures
// from the command line, read from a data folder (a copy of its store: Interdesk may be running).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReportError, reviewReport } from '../electron/services/reviewReport.js';

const usage = `Usage: npm run report -- [--from yyyy-mm-dd] [--to yyyy-mm-dd] [--format csv|json]
                         [--requests | --department <name>] [--priority P1..P4] [--type <type id>]
                         [--data <Interdesk data folder>]

Prints the review of the period (both days included; this month by default): one line per pair
of departments, every request with --requests, or one department's review with --department.`;

/** Where the desktop app keeps its data (Electron's user-data folder for "Interdesk"). */
function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Interdesk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Interdesk');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Interdesk');
}

try {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      requests: { type: 'boolean', default: false },
      department: { type: 'string' },
      priority: { type: 'string' },
      type: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (values.format !== 'csv' && values.format !== 'json') throw new ReportError(`--format ${values.format}: choose csv or json.`);
  if (values.requests && values.department) throw new ReportError('Choose --requests or --department, not both.');
  const out = await reviewReport({
    dataDir: values.data ?? defaultDataDir(),
    from: values.from,
    to: values.to,
    format: values.format,
    what: values.department ? { department: values.department } : values.requests ? { requests: true } : { matrix: true },
    priority: values.priority,
    type: values.type,
  });
  process.stdout.write(out);
} catch (err) {
  // A mistake in the arguments or the folder is said plainly; anything else is a bug to report, with its trace.
  const plain = err instanceof ReportError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  console.error(plain ? `${(err as Error).message}\n\n${usage}` : err);
  process.exit(plain ? 2 : 1);
}
