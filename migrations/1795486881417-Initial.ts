import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795486881417 implements MigrationInterface {
    name = 'Initial1795486881417'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "bots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "public_key" text NOT NULL, "allowed_origins" text array NOT NULL DEFAULT '{}', "enabled" boolean NOT NULL DEFAULT true, "settings" jsonb NOT NULL DEFAULT '{}', "active_role_version" integer, "azure_endpoint" text, "azure_api_key_encrypted" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8b1b0180229dec2cbfdf5e776e4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "bots_tenant_id_idx" ON "bots"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "bots_public_key_key" ON "bots"  ("public_key") `);
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "email" text NOT NULL, "password_hash" text NOT NULL, "role" text NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "must_change_password" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_role_check" CHECK (role IN ('owner', 'agent')), CONSTRAINT "users_email_lower" CHECK (email = lower(email)), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
        await queryRunner.query(`CREATE TABLE "bot_roles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bot_id" uuid NOT NULL, "version" integer NOT NULL, "system_prompt" text NOT NULL, "note" text, "author_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bot_roles_version_positive" CHECK (version > 0), CONSTRAINT "PK_dad3152cb351c1851a7dd2f1e15" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "bot_roles_bot_version_key" ON "bot_roles"  ("bot_id", "version") `);
        await queryRunner.query(`CREATE TABLE "visitors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bot_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d0fd6e34a516c2bb3bbec71abde" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "visitors_bot_id_idx" ON "visitors"  ("bot_id") `);
        await queryRunner.query(`CREATE TABLE "conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "bot_id" uuid NOT NULL, "visitor_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "conversations_bot_created_idx" ON "conversations"  ("bot_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "conversations_tenant_created_idx" ON "conversations"  ("tenant_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "conversations_visitor_created_idx" ON "conversations"  ("visitor_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "role" text NOT NULL, "text" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'complete', "client_id" text, "in_reply_to" uuid, "role_version" integer, "prompt_tokens" integer, "completion_tokens" integer, "latency_ms" integer, "first_token_ms" integer, "finish_reason" text, "content_filter" jsonb, "error_code" text, "feedback" text, "feedback_comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "messages_user_has_client_id" CHECK (role <> 'user' OR client_id IS NOT NULL), CONSTRAINT "messages_feedback_check" CHECK (feedback IS NULL OR feedback IN ('up', 'down')), CONSTRAINT "messages_status_check" CHECK (status IN ('complete', 'streaming', 'stopped', 'filtered', 'failed')), CONSTRAINT "messages_role_check" CHECK (role IN ('user', 'assistant')), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "messages_one_streaming_per_conversation" ON "messages"  ("conversation_id") WHERE status = 'streaming'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "messages_conversation_client_id_key" ON "messages"  ("conversation_id", "client_id") WHERE client_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "messages_conversation_created_idx" ON "messages"  ("conversation_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "bots" ADD CONSTRAINT "FK_ecaae42510fa41fea7cc6404ad6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_109638590074998bb72a2f2cf08" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bot_roles" ADD CONSTRAINT "FK_896e547ceadfda411bd345cb5af" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bot_roles" ADD CONSTRAINT "FK_6874607daa35afd6564e0dd8b42" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "visitors" ADD CONSTRAINT "FK_62a097b45f20bb582d12ca96e25" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_664e8d7cbdae35df5cae341352a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_c240455af2ac4d2e388b4722b7e" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "FK_5e69b83b44d285e714d9349a8fe" FOREIGN KEY ("visitor_id") REFERENCES "visitors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_2496e60dec6aea54ff7c2d67c99" FOREIGN KEY ("in_reply_to") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_2496e60dec6aea54ff7c2d67c99"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_5e69b83b44d285e714d9349a8fe"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_c240455af2ac4d2e388b4722b7e"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_664e8d7cbdae35df5cae341352a"`);
        await queryRunner.query(`ALTER TABLE "visitors" DROP CONSTRAINT "FK_62a097b45f20bb582d12ca96e25"`);
        await queryRunner.query(`ALTER TABLE "bot_roles" DROP CONSTRAINT "FK_6874607daa35afd6564e0dd8b42"`);
        await queryRunner.query(`ALTER TABLE "bot_roles" DROP CONSTRAINT "FK_896e547ceadfda411bd345cb5af"`);
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_109638590074998bb72a2f2cf08"`);
        await queryRunner.query(`ALTER TABLE "bots" DROP CONSTRAINT "FK_ecaae42510fa41fea7cc6404ad6"`);
        await queryRunner.query(`DROP INDEX "public"."messages_conversation_created_idx"`);
        await queryRunner.query(`DROP INDEX "public"."messages_conversation_client_id_key"`);
        await queryRunner.query(`DROP INDEX "public"."messages_one_streaming_per_conversation"`);
        await queryRunner.query(`DROP TABLE "messages"`);
        await queryRunner.query(`DROP INDEX "public"."conversations_visitor_created_idx"`);
        await queryRunner.query(`DROP INDEX "public"."conversations_tenant_created_idx"`);
        await queryRunner.query(`DROP INDEX "public"."conversations_bot_created_idx"`);
        await queryRunner.query(`DROP TABLE "conversations"`);
        await queryRunner.query(`DROP INDEX "public"."visitors_bot_id_idx"`);
        await queryRunner.query(`DROP TABLE "visitors"`);
        await queryRunner.query(`DROP INDEX "public"."bot_roles_bot_version_key"`);
        await queryRunner.query(`DROP TABLE "bot_roles"`);
        await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP INDEX "public"."bots_public_key_key"`);
        await queryRunner.query(`DROP INDEX "public"."bots_tenant_id_idx"`);
        await queryRunner.query(`DROP TABLE "bots"`);
        await queryRunner.query(`DROP TABLE "tenants"`);
    }

}
