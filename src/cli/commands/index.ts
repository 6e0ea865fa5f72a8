/** Registry of `courant` commands. Each command lives in its own file; add one import and one entry per command. */
import type { Command } from '../command.ts';
import { importCommand } from './import.ts';
import { enedisCommand } from './enedis.ts';
import { ticCommand } from './tic.ts';
import { revealCommand } from './reveal.ts';
import { ledgerCommand } from './ledger.ts';
import { registerCommand } from './register.ts';
import { accountCommand } from './account.ts';
import { householdCommand } from './household.ts';

export const COMMANDS: Command[] = [importCommand, enedisCommand, ticCommand, revealCommand, ledgerCommand, registerCommand, accountCommand, householdCommand];
