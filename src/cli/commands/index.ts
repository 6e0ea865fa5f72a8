/** Registry of `courant` commands. Each command lives in its own file; add one import and one entry per command. */
import type { Command } from '../command.ts';
import { ticCommand } from './tic.ts';

export const COMMANDS: Command[] = [ticCommand];
