import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * How many of a bot's answering chunks hold each lexical term (document frequency), refreshed by
 * the indexing jobs. Retrieval asks for the question's rarest terms first, so a bot full of text
 * that shares common words with every question is not ranked row by row.
 */
export class KnowledgeTerms1796600000000 implements MigrationInterface {
    name = 'KnowledgeTerms1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "knowledge_terms" (
                "bot_id" uuid NOT NULL,
                "term" text NOT NULL,
                "df" integer NOT NULL,
                CONSTRAINT "PK_knowledge_terms" PRIMARY KEY ("bot_id", "term"),
                CONSTRAINT "FK_knowledge_terms_bot" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE
            )`);
        // Bots indexed before this migration get their counts now.
        await queryRunner.query(`
            INSERT INTO knowledge_terms (bot_id, term, df)
            SELECT c.bot_id, t.lexeme, count(*)::int FROM knowledge_chunks c
            JOIN knowledge_sources s ON s.id = c.source_id AND s.active_generation = c.generation AND s.deleted_at IS NULL,
            unnest(c.terms) AS t
            GROUP BY c.bot_id, t.lexeme`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "knowledge_terms"`);
    }

}
