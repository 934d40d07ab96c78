import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Human handoff (PROTOCOL §7): who answers a conversation (`state`), the staff member holding it,
 * since when the visitor waits, and what the staff know of the visitor's page and browser;
 * staff messages (`role = 'agent'`, with their author); a bot's rules; messages left when nobody
 * could answer.
 */
export class Handoff1796500000000 implements MigrationInterface {
    name = 'Handoff1796500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "conversations" ADD "state" text NOT NULL DEFAULT 'bot'`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "conversations_state_check" CHECK ("state" IN ('bot', 'waiting', 'human', 'closed'))`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "assignee_id" uuid`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_conversations_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "waiting_since" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "staff_read_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "context" jsonb`);
        await queryRunner.query(`CREATE INDEX "IDX_conversations_inbox" ON "conversations" ("tenant_id", "state", "waiting_since") WHERE "state" IN ('waiting', 'human')`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_role_check"`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "messages_role_check" CHECK (role IN ('user', 'assistant', 'agent'))`);
        await queryRunner.query(`ALTER TABLE "messages" ADD "author_id" uuid`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_messages_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL`);
        await queryRunner.query(`
            CREATE TABLE "bot_rules" (
                "bot_id" uuid NOT NULL,
                "rules" jsonb NOT NULL DEFAULT '[]',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bot_rules" PRIMARY KEY ("bot_id"),
                CONSTRAINT "FK_bot_rules_bot" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE
            )`);
        await queryRunner.query(`
            CREATE TABLE "offline_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "bot_id" uuid NOT NULL,
                "conversation_id" uuid,
                "visitor_id" uuid NOT NULL,
                "email" text NOT NULL,
                "text" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "handled_at" TIMESTAMP WITH TIME ZONE,
                "handled_by" uuid,
                CONSTRAINT "PK_offline_messages" PRIMARY KEY ("id"),
                CONSTRAINT "FK_offline_messages_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE,
                CONSTRAINT "FK_offline_messages_bot" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE,
                CONSTRAINT "FK_offline_messages_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE SET NULL,
                CONSTRAINT "FK_offline_messages_handled_by" FOREIGN KEY ("handled_by") REFERENCES "users"("id") ON DELETE SET NULL
            )`);
        await queryRunner.query(`CREATE INDEX "IDX_offline_messages_tenant" ON "offline_messages" ("tenant_id", "created_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "offline_messages"`);
        await queryRunner.query(`DROP TABLE "bot_rules"`);
        await queryRunner.query(`DELETE FROM "messages" WHERE role = 'agent'`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_messages_author"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "author_id"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_role_check"`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "messages_role_check" CHECK (role IN ('user', 'assistant'))`);
        await queryRunner.query(`DROP INDEX "IDX_conversations_inbox"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "context"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "staff_read_at"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "waiting_since"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_conversations_assignee"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "assignee_id"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "conversations_state_check"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "state"`);
    }

}
