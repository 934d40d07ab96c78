import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the staff console needs of conversations: annotations (tags, reviewed, note, flagged),
 * counters kept by the chat turn (message_count, last_message_at), the indexes of the list, and a
 * trigram index so `ILIKE '%q%'` (CJK included) does not read every message.
 */
export class ConversationReview1795490121859 implements MigrationInterface {
    name = 'ConversationReview1795490121859'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "tags" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "reviewed" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "note" text`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "flagged" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "message_count" integer NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "last_message_at" TIMESTAMP WITH TIME ZONE`);
        // Conversations stored before the counters existed.
        await queryRunner.query(`UPDATE "conversations" AS c SET "message_count" = m.n, "last_message_at" = m.last
            FROM (SELECT "conversation_id", count(*)::int AS n, max("created_at") AS last FROM "messages" GROUP BY "conversation_id") AS m
            WHERE m."conversation_id" = c."id"`);
        await queryRunner.query(`CREATE INDEX "conversations_tags_idx" ON "conversations" USING gin ("tags") `);
        await queryRunner.query(`CREATE INDEX "conversations_bot_activity_idx" ON "conversations"  ("bot_id", "last_message_at", "id") WHERE last_message_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "conversations_tenant_activity_idx" ON "conversations"  ("tenant_id", "last_message_at", "id") WHERE last_message_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "messages_text_trgm_idx" ON "messages" USING gin ("text" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."messages_text_trgm_idx"`);
        await queryRunner.query(`DROP INDEX "public"."conversations_tenant_activity_idx"`);
        await queryRunner.query(`DROP INDEX "public"."conversations_bot_activity_idx"`);
        await queryRunner.query(`DROP INDEX "public"."conversations_tags_idx"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "last_message_at"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "message_count"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "flagged"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "note"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "reviewed"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "tags"`);
        // pg_trgm stays: it may predate this migration, and dropping an extension is not ours to do.
    }

}
