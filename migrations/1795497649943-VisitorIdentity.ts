import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Verified identity (`identify` with a hash): each bot's identity secret, sealed; visitors bound to
 * the site's user id, one per bot and user, with the name and email the page gave.
 */
export class VisitorIdentity1795497649943 implements MigrationInterface {
    name = 'VisitorIdentity1795497649943'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bots" ADD "identity_secret_encrypted" text`);
        await queryRunner.query(`ALTER TABLE "visitors" ADD "external_id" text`);
        await queryRunner.query(`ALTER TABLE "visitors" ADD "name" text`);
        await queryRunner.query(`ALTER TABLE "visitors" ADD "email" text`);
        await queryRunner.query(`ALTER TABLE "visitors" ADD "verified_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE UNIQUE INDEX "visitors_bot_external_id_key" ON "visitors"  ("bot_id", "external_id") WHERE external_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."visitors_bot_external_id_key"`);
        await queryRunner.query(`ALTER TABLE "visitors" DROP COLUMN "verified_at"`);
        await queryRunner.query(`ALTER TABLE "visitors" DROP COLUMN "email"`);
        await queryRunner.query(`ALTER TABLE "visitors" DROP COLUMN "name"`);
        await queryRunner.query(`ALTER TABLE "visitors" DROP COLUMN "external_id"`);
        await queryRunner.query(`ALTER TABLE "bots" DROP COLUMN "identity_secret_encrypted"`);
    }

}
