/** The administrator's command list (`npm run hq -- help`, `node hq.mjs help <command>`). */

interface CommandHelp {
  group: string;
  usage: string;
  summary: string;
}

export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  serve: {
    group: 'Server',
    usage: 'serve',
    summary:
      'start the sync server (the default command). Settings come from the environment: ' +
      'HQ_HOST, HQ_PORT, HQ_DATA_DIR or DATABASE_URL, HQ_PUBLIC_URL, … (docs/operations.md)',
  },
  help: { group: 'Server', usage: 'help [command]', summary: 'this list, or one command' },
  'enroll:code': {
    group: 'Laptops',
    usage: 'enroll:code --office <id> | --hq [--person "<name>" | --staff <id>] [--ttl-hours 24]',
    summary:
      'print a one-time code to link a laptop to an office (or an HQ laptop that reads every ' +
      'office) for a named person (--person: someone new; --staff: a staff id devices:list ' +
      'shows, for their next laptop or a new link after a forgotten PIN), with the address ' +
      'to type on the laptop',
  },
  'devices:list': {
    group: 'Laptops',
    usage: 'devices:list',
    summary:
      'linked laptops: office, last sync, app version, revocation and by whom (hq, device: the ' +
      'laptop unlinked itself, relink: replaced by a new link)',
  },
  'devices:revoke': {
    group: 'Laptops',
    usage: 'devices:revoke <deviceId>',
    summary: 'revoke a lost laptop: it erases the office data it holds at its next sync',
  },
  'offices:list': { group: 'Offices', usage: 'offices:list', summary: 'offices and their size' },
  'office:create': {
    group: 'Offices',
    usage:
      'office:create --id <id> --country <CC> --time-zone <IANA> --currency <KRW|JPY|CNY|VND|USD> ' +
      '--language <ko|ja|zh-CN|vi|en> --name-en "<name>" [--name-ko …] [--hq]',
    summary: 'add an office',
  },
  backup: {
    group: 'Data',
    usage: 'backup <file>',
    summary:
      'a consistent copy of the database while HQ serves (SQLite: a database file; ' +
      'PostgreSQL: a compressed dump made by HQ itself, no pg_dump needed)',
  },
  restore: {
    group: 'Data',
    usage: 'restore <file> --yes',
    summary:
      'replace the database with a backup; laptops then send HQ whatever it lost ' +
      '(stop every HQ process first)',
  },
  'tombstones:purge': {
    group: 'Data',
    usage: 'tombstones:purge [--days 90]',
    summary: 'forget deletions older than the horizon (laptops further behind re-download)',
  },
  'access-log:purge': {
    group: 'Data',
    usage: 'access-log:purge [--days 730]',
    summary: 'delete access records older than the retention (HQ_ACCESS_LOG_RETENTION_DAYS)',
  },
  'partition:new-epoch': {
    group: 'Data',
    usage: 'partition:new-epoch <officeId|_shared>',
    summary: "make an office's laptops re-download it and send back what HQ lacks",
  },
  'records:clashes': {
    group: 'Data',
    usage: 'records:clashes',
    summary:
      'rows migration 0006 moved to record_id_clashes because another office already used ' +
      'their id in that table: table, id, office, when, and the office that kept the id',
  },
  'demo:purge': {
    group: 'Data',
    usage: 'demo:purge [--yes]',
    summary:
      'demo records HQ took in before it refused them (ids starting demo-), counted per ' +
      'office and table; with --yes deleted (laptops drop them at their next sync, reports ' +
      'stop counting them). Without --yes nothing changes',
  },
  'policy:app-lock': {
    group: 'Laptops',
    usage: 'policy:app-lock [--idle-minutes <1-240>]',
    summary:
      'how long a laptop may sit unused before the app locks (default 10); without ' +
      '--idle-minutes, prints the time in force. Laptops take it at their next sync',
  },
  'reports:rebuild': {
    group: 'Data',
    usage: 'reports:rebuild',
    summary: 'rebuild the report tables from the synced records',
  },
  'releases:publish': {
    group: 'Laptop updates',
    usage: 'releases:publish <folder> [--percent 100] [--notes "<text>"]',
    summary:
      'register a build from `npm run package` (installers, blockmaps, latest*.yml; every ' +
      'file is checked against its sha512) and offer it to that share of laptops',
  },
  'releases:list': {
    group: 'Laptop updates',
    usage: 'releases:list',
    summary: 'releases with rollout, pause and how many laptops run each',
  },
  'releases:rollout': {
    group: 'Laptop updates',
    usage: 'releases:rollout <version> --percent <0-100> [--office <id>]',
    summary: 'change the share of laptops offered a release (for every office, or one)',
  },
  'releases:pause': {
    group: 'Laptop updates',
    usage: 'releases:pause <version>',
    summary: 'stop offering a release until releases:resume',
  },
  'releases:resume': {
    group: 'Laptop updates',
    usage: 'releases:resume <version>',
    summary: 'offer a paused release again',
  },
  'releases:rollback': {
    group: 'Laptop updates',
    usage: 'releases:rollback <version>',
    summary:
      'withdraw a release for good: laptops are offered the previous one; those that ' +
      'installed it keep it until a higher version is published (no downgrades)',
  },
};

export function helpText(command?: string): string {
  if (command && command !== 'help') {
    const h = COMMAND_HELP[command];
    if (!h) return `Unknown command: ${command}\n\n${helpText()}`;
    return `Usage: npm run hq -- ${h.usage}\n\n${h.summary}`;
  }
  const lines = [
    'Bridgehead HQ: the sync server and its administration',
    '',
    'Usage: npm run hq -- <command> [options]     (built bundle: node hq.mjs <command>)',
  ];
  let group = '';
  for (const h of Object.values(COMMAND_HELP)) {
    if (h.group !== group) {
      group = h.group;
      lines.push('', `${group}:`);
    }
    lines.push(`  ${h.usage}`, `      ${h.summary}`);
  }
  lines.push(
    '',
    'Settings are environment variables (HQ_PORT, DATABASE_URL, HQ_PUBLIC_URL, …): see',
    'docs/operations.md. `npm run hq -- help <command>` shows one command.',
  );
  return lines.join('\n');
}
