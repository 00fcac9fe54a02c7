import path from 'node:path';
import log from 'electron-log/node';
import { sanitizeEventName, sanitizeLogFields } from '../core/log-sanitizer';
import type { LogFields } from '../core/log-sanitizer';

export type LogLevel = 'info' | 'warn' | 'error';

/** Where sanitized records go; electron-log in the app, an array in tests. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface AppLogger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/**
 * Logs an event name plus a few allow-listed short fields (channel, code,
 * reason…). Payloads, messages and stacks are dropped by the sanitizer, so
 * personal data cannot end up in the log file.
 */
export function createAppLogger(sink: LogSink): AppLogger {
  const write = (level: LogLevel, event: string, fields?: LogFields): void => {
    const clean = sanitizeLogFields(fields);
    const suffix = Object.keys(clean).length ? ` ${JSON.stringify(clean)}` : '';
    sink(level, `${sanitizeEventName(event)}${suffix}`);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export function logsDirectory(userDataDir: string): string {
  return path.join(userDataDir, 'logs');
}

/**
 * The app's file logger: <userData>/logs/main.log. Uses electron-log's Node
 * flavour on purpose: its Electron flavour registers an unguarded
 * `__ELECTRON_LOG__` IPC channel that every renderer could call.
 */
export function createFileLogger(userDataDir: string, options: { console: boolean }): AppLogger {
  const file = path.join(logsDirectory(userDataDir), 'main.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.level = 'info';
  log.transports.console.level = options.console ? 'info' : false;
  return createAppLogger((level, line) => log[level](line));
}
