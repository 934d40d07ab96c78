/**
 * Document frequencies of a bot's lexical terms (`knowledge_terms`), kept as a source's chunks
 * start or stop answering — in the same transaction, so counts follow what answers. $1 the
 * source, $2 the generation, $3 the bot.
 */

/** A generation's chunks start answering: their terms count. */
export const ADD_TERMS_SQL = `
  INSERT INTO knowledge_terms (bot_id, term, df)
  SELECT $3, t.lexeme, count(*)::int FROM knowledge_chunks c, unnest(c.terms) AS t
  WHERE c.source_id = $1 AND c.generation = $2 GROUP BY t.lexeme
  ON CONFLICT (bot_id, term) DO UPDATE SET df = knowledge_terms.df + excluded.df`;

/** A generation's chunks stop answering: their terms no longer count. */
export const REMOVE_TERMS_SQL = `
  WITH gone AS (
    SELECT t.lexeme, count(*)::int AS n FROM knowledge_chunks c, unnest(c.terms) AS t
    WHERE c.source_id = $1 AND c.generation = $2 GROUP BY t.lexeme
  ), lowered AS (
    UPDATE knowledge_terms k SET df = k.df - gone.n FROM gone WHERE k.bot_id = $3 AND k.term = gone.lexeme RETURNING k.term, k.df
  )
  DELETE FROM knowledge_terms k USING lowered WHERE k.bot_id = $3 AND k.term = lowered.term AND lowered.df <= 0`;

/** The question's terms that occur, with how many chunks hold each, and how many chunks answer in all. */
export const TERM_COUNTS_SQL = `
  SELECT t.term, t.df, (SELECT coalesce(sum(chunk_count), 0)::int FROM knowledge_sources WHERE bot_id = $1 AND deleted_at IS NULL) AS total
  FROM knowledge_terms t WHERE t.bot_id = $1 AND t.term = ANY($2::text[])`;
