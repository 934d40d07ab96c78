import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Token usage per bot and UTC day, for the daily and monthly token budgets. A trigger on messages
 * keeps it: whatever writes an answer's prompt_tokens / completion_tokens (the reply runner's one
 * update at the end of a reply) adds the difference to the day the answer completed, so a budget
 * check reads at most 31 rows by primary key. Existing answers are counted once here.
 */
export class BotTokenUsage1795495086471 implements MigrationInterface {
    name = 'BotTokenUsage1795495086471'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bot_token_usage" ("bot_id" uuid NOT NULL, "day" date NOT NULL, "tokens" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_8bcc25f1fef0b0be510490190e2" PRIMARY KEY ("bot_id", "day"))`);
        await queryRunner.query(`ALTER TABLE "bot_token_usage" ADD CONSTRAINT "FK_6d0ddf2eb5e496506e9ce345fb5" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // No check in it can fail: an error here would fail the reply's final update and leave it streaming.
        await queryRunner.query(`
            CREATE FUNCTION "count_bot_tokens"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                delta bigint := coalesce(NEW.prompt_tokens, 0) + coalesce(NEW.completion_tokens, 0);
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    delta := delta - coalesce(OLD.prompt_tokens, 0) - coalesce(OLD.completion_tokens, 0);
                END IF;
                IF delta <> 0 THEN
                    INSERT INTO "bot_token_usage" ("bot_id", "day", "tokens")
                    SELECT c.bot_id, (coalesce(NEW.completed_at, NEW.created_at) AT TIME ZONE 'UTC')::date, delta
                    FROM "conversations" c WHERE c.id = NEW.conversation_id
                    ON CONFLICT ("bot_id", "day") DO UPDATE SET "tokens" = "bot_token_usage"."tokens" + EXCLUDED."tokens";
                END IF;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "messages_count_bot_tokens" AFTER INSERT OR UPDATE OF "prompt_tokens", "completion_tokens" ON "messages" FOR EACH ROW EXECUTE FUNCTION "count_bot_tokens"()`);
        await queryRunner.query(`
            INSERT INTO "bot_token_usage" ("bot_id", "day", "tokens")
            SELECT c.bot_id, (coalesce(m.completed_at, m.created_at) AT TIME ZONE 'UTC')::date, sum(coalesce(m.prompt_tokens, 0) + coalesce(m.completion_tokens, 0))
            FROM "messages" m JOIN "conversations" c ON c.id = m.conversation_id
            WHERE m.prompt_tokens IS NOT NULL OR m.completion_tokens IS NOT NULL
            GROUP BY 1, 2`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "messages_count_bot_tokens" ON "messages"`);
        await queryRunner.query(`DROP FUNCTION "count_bot_tokens"()`);
        await queryRunner.query(`ALTER TABLE "bot_token_usage" DROP CONSTRAINT "FK_6d0ddf2eb5e496506e9ce345fb5"`);
        await queryRunner.query(`DROP TABLE "bot_token_usage"`);
    }
}
