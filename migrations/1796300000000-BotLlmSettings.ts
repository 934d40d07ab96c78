import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Any model provider: a bot's own account is no longer Azure-only. `azure_endpoint` and
 * `azure_api_key_encrypted` become `llm_endpoint` and `llm_api_key_encrypted`; `llm_provider`
 * (azure | openai; null = the installation's) and `llm_model` are added. `settings.deployment`
 * moves to `llm_model`; a bot that had its own endpoint was on Azure, so it gets `azure`.
 */
export class BotLlmSettings1796300000000 implements MigrationInterface {
    name = 'BotLlmSettings1796300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bots" RENAME COLUMN "azure_endpoint" TO "llm_endpoint"`);
        await queryRunner.query(`ALTER TABLE "bots" RENAME COLUMN "azure_api_key_encrypted" TO "llm_api_key_encrypted"`);
        await queryRunner.query(`ALTER TABLE "bots" ADD "llm_provider" text`);
        await queryRunner.query(`ALTER TABLE "bots" ADD "llm_model" text`);
        await queryRunner.query(`ALTER TABLE "bots" ADD CONSTRAINT "bots_llm_provider_check" CHECK ("llm_provider" IN ('azure', 'openai'))`);
        await queryRunner.query(`UPDATE "bots" SET "llm_provider" = 'azure' WHERE "llm_endpoint" IS NOT NULL`);
        await queryRunner.query(`
            UPDATE "bots" SET "llm_model" = NULLIF("settings"->>'deployment', ''), "settings" = "settings" - 'deployment'
            WHERE "settings" ? 'deployment'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "bots" SET "settings" = "settings" || jsonb_build_object('deployment', "llm_model")
            WHERE "llm_model" IS NOT NULL`);
        // Before this migration every bot's own endpoint was an Azure resource: an OpenAI-compatible one cannot stay.
        await queryRunner.query(`UPDATE "bots" SET "llm_endpoint" = NULL, "llm_api_key_encrypted" = NULL WHERE "llm_provider" = 'openai'`);
        await queryRunner.query(`ALTER TABLE "bots" DROP CONSTRAINT "bots_llm_provider_check"`);
        await queryRunner.query(`ALTER TABLE "bots" DROP COLUMN "llm_model"`);
        await queryRunner.query(`ALTER TABLE "bots" DROP COLUMN "llm_provider"`);
        await queryRunner.query(`ALTER TABLE "bots" RENAME COLUMN "llm_api_key_encrypted" TO "azure_api_key_encrypted"`);
        await queryRunner.query(`ALTER TABLE "bots" RENAME COLUMN "llm_endpoint" TO "azure_endpoint"`);
    }

}
