import type { Executor } from '../../db/database';
import type { SessionsTable } from './auth.tables';

export function createSessionRepository(db: Executor) {
  return {
    async insert(s: SessionsTable, ex: Executor = db) {
      await ex.insertInto('sessions').values(s).execute();
    },
    async find(idHash: string) {
      return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    },
    async touch(idHash: string, at: Date) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async setStage(idHash: string, stage: SessionsTable['stage'], ex: Executor = db) {
      await ex.updateTable('sessions').set({ stage }).where('id_hash', '=', idHash).execute();
    },
    async revoke(idHash: string, at: Date, ex: Executor = db) {
      await ex.updateTable('sessions').set({ revoked_at: at }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
    },
    async revokeAllForUser(userId: string, at: Date, ex: Executor = db, exceptIdHash?: string) {
      let q = ex.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
      if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
      await q.execute();
    },
    async purgeExpired(before: Date) {
      await db.deleteFrom('sessions').where('expires_at', '<', before).execute();
    },
  };
}
