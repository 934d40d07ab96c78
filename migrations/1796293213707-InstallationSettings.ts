import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Installation settings (key → JSON). `demo` records the seeded demo tenant and bot, whose
 * allowed origins follow the installation's own origin at each start. Installations seeded
 * before this migration get it from what that seed made: the oldest bot named 养生顾问 of the
 * oldest tenant named Demo Clinic.
 */
export class InstallationSettings1796293213707 implements MigrationInterface {
    name = 'InstallationSettings1796293213707'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "installation_settings" ("key" text NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_installation_settings_key" PRIMARY KEY ("key"))`);
        await queryRunner.query(`
            INSERT INTO "installation_settings" ("key", "value")
            SELECT 'demo', jsonb_build_object('tenantId', t.id, 'botId', b.id)
            FROM "tenants" t JOIN "bots" b ON b.tenant_id = t.id
            WHERE t.name = 'Demo Clinic' AND b.name = '养生顾问'
            ORDER BY t.created_at, b.created_at
            LIMIT 1`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "installation_settings"`);
    }

}
