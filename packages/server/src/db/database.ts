/**
 * The Kysely database type. Each module declares its own tables by augmenting this interface
 * in its `*.tables.ts` file (`declare module '../../db/database' { interface Database { … } }`),
 * so no central file lists every table and a module's tables stay its own.
 */
import type { Kysely, Transaction } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<Database>;
