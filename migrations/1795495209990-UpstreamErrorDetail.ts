import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The real reason behind a failed or filtered answer (upstream status and message, timeout,
 * filter categories), for the owner's console; keys are scrubbed before it is written.
 */
export class UpstreamErrorDetail1795495209990 implements MigrationInterface {
    name = 'UpstreamErrorDetail1795495209990'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" ADD "error_detail" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "error_detail"`);
    }

}
