#!/usr/bin/env node
/** `vigie` command line: one dispatcher, each command in electron/cli/commands/. */
process.env.DOTENV_CONFIG_QUIET ??= 'true'; // natural loads dotenv: keep stdout clean
import { Command } from 'commander';
import { COMMANDS } from './commands/index';
import { exitWithError } from './output';

const program = new Command('vigie')
  .description('Vigie — veille médias: flux, récits, scores, alertes, synthèse')
  .option('--db <path>', 'database file (default: the per-user application data directory)')
  .showHelpAfterError()
  .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch(exitWithError);
