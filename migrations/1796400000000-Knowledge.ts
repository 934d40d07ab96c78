import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Knowledge (PROTOCOL §6): a bot's sources and their chunks, and the sources an answer was given.
 *
 * A chunk belongs to one generation of its source; the source's `active_generation` is the one
 * that answers, so a source being indexed again keeps answering from its previous chunks until
 * the new ones are all stored. `terms` holds the lexical terms (Latin words, CJK bigrams) made in
 * the application, since PostgreSQL's 'simple' configuration does not segment Chinese.
 *
 * Where the server has pgvector (PGlite does; managed PostgreSQL does) `embedding` is a `vector`
 * and an HNSW index per dimension is made at startup; elsewhere it is a `real[]` and lexical
 * candidates are re-ranked by similarity in the application (`mode: 'lexical'`).
 */
export class Knowledge1796400000000 implements MigrationInterface {
    name = 'Knowledge1796400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const [{ available }] = await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available`);
        if (available) await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS vector`);
        await queryRunner.query(`
            CREATE TABLE "knowledge_sources" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "bot_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "title" text NOT NULL,
                "url" text,
                "crawl" boolean NOT NULL DEFAULT false,
                "filename" text,
                "mime_type" text,
                "content" bytea,
                "bytes" integer NOT NULL DEFAULT 0,
                "status" text NOT NULL DEFAULT 'queued',
                "error" text,
                "progress_done" integer,
                "progress_total" integer,
                "generation" integer NOT NULL DEFAULT 1,
                "active_generation" integer,
                "chunk_count" integer NOT NULL DEFAULT 0,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_knowledge_sources" PRIMARY KEY ("id"),
                CONSTRAINT "knowledge_sources_kind_check" CHECK ("kind" IN ('file', 'text', 'faq', 'url')),
                CONSTRAINT "knowledge_sources_status_check" CHECK ("status" IN ('queued', 'indexing', 'ready', 'failed')),
                CONSTRAINT "FK_knowledge_sources_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE,
                CONSTRAINT "FK_knowledge_sources_bot" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE
            )`);
        await queryRunner.query(`CREATE INDEX "IDX_knowledge_sources_bot" ON "knowledge_sources" ("bot_id", "created_at") WHERE "deleted_at" IS NULL`);
        await queryRunner.query(`
            CREATE TABLE "knowledge_chunks" (
                "id" bigserial NOT NULL,
                "source_id" uuid NOT NULL,
                "bot_id" uuid NOT NULL,
                "generation" integer NOT NULL,
                "position" integer NOT NULL,
                "heading_path" text[] NOT NULL DEFAULT '{}',
                "page_url" text,
                "text" text NOT NULL,
                "tokens" integer NOT NULL,
                "terms" tsvector NOT NULL,
                "dims" smallint,
                "embedding" ${available ? 'vector' : 'real[]'},
                CONSTRAINT "PK_knowledge_chunks" PRIMARY KEY ("id"),
                CONSTRAINT "FK_knowledge_chunks_source" FOREIGN KEY ("source_id") REFERENCES "knowledge_sources"("id") ON DELETE CASCADE
            )`);
        await queryRunner.query(`CREATE INDEX "IDX_knowledge_chunks_source" ON "knowledge_chunks" ("source_id", "generation", "position")`);
        await queryRunner.query(`CREATE INDEX "IDX_knowledge_chunks_bot" ON "knowledge_chunks" ("bot_id")`);
        // No index on "terms": lexical search runs over an in-memory index each instance loads
        // from them (backend/src/knowledge/lexical-index.ts).
        await queryRunner.query(`ALTER TABLE "messages" ADD "sources" jsonb`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "sources"`);
        await queryRunner.query(`DROP TABLE "knowledge_chunks"`);
        await queryRunner.query(`DROP TABLE "knowledge_sources"`);
    }

}
