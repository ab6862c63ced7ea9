/**
 * Module CLI commands (e.g. `yiyang seed --region 330781 --persons 1000`). Each runs with a
 * bootstrapped AppContext; its logic lives in the module's service, the command only parses and prints.
 */
import type { AppContext } from '../app-context';
import { refreshTagsCommand, seedCommand } from './commands/seed.command';
import { visitsCommands } from '../modules/visits';

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(ctx: AppContext, args: string[]): Promise<number>;
}

export const CLI_COMMANDS: CliCommand[] = [
  seedCommand,
  refreshTagsCommand,
  ...visitsCommands,
];
