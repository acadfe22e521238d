/** Every CLI command registration, one module per area (append yours). */
import type { Command } from 'commander';
import { registerIngestCommands } from './ingest';
import { registerAnalysisCommands } from './analysis';
import { registerSourcesCommands } from './sources';
import { registerFetchCommands } from './fetch';
import { registerParseCommands } from './parse';
import { registerServeCommands } from './serve';
import { registerAlertsCommands } from './alerts';
import { registerBriefCommands } from './brief';
import { registerGeoCommands } from './geo';

/** Registers commands on the root program. */
export type RegisterCommand = (program: Command) => void;

/** All command registrations in help order. */
export const COMMANDS: RegisterCommand[] = [
  registerParseCommands,
  registerIngestCommands,
  registerSourcesCommands,
  registerFetchCommands,
  registerAnalysisCommands,
  registerGeoCommands,
  registerServeCommands,
  registerAlertsCommands,
  registerBriefCommands,
];
