import { LlmError } from '../llm/llm.client';
import { outcomeOfError, outcomeOfFinish } from './reply-outcome';

describe('outcomeOfFinish', () => {
  it('stores a length finish as complete and truncated', () => {
    expect(outcomeOfFinish('length')).toEqual({ status: 'complete', truncated: true });
    expect(outcomeOfFinish('stop')).toEqual({ status: 'complete' });
  });

  it('stores a content_filter finish as filtered, flags the conversation and names the categories', () => {
    expect(outcomeOfFinish('content_filter', { violence: { filtered: true, severity: 'medium' }, hate: { filtered: false, severity: 'safe' } })).toEqual({
      status: 'filtered',
      errorCode: 'content_filtered',
      flag: true,
      detail: "answer filtered mid-stream by Azure's content management policy: violence (medium)",
    });
  });

  it('fails a stream that ended without finish_reason', () => {
    expect(outcomeOfFinish(null)).toMatchObject({ status: 'failed', errorCode: 'upstream_unavailable', detail: 'stream ended without finish_reason' });
  });
});

describe('outcomeOfError', () => {
  it.each(['unavailable', 'broken_stream', 'timeout', 'circuit_open'] as const)('fails %s as upstream_unavailable with its detail', (kind) => {
    expect(outcomeOfError(new LlmError(kind, 'why'))).toEqual({ status: 'failed', errorCode: 'upstream_unavailable', detail: 'why' });
  });

  it('hides a misconfiguration from visitors but tells the owner what to check', () => {
    expect(outcomeOfError(new LlmError('misconfigured', 'https://res.openai.azure.com/gpt-4o: HTTP 401: check the API key'))).toEqual({
      status: 'failed',
      errorCode: 'upstream_unavailable',
      misconfigured: true,
      detail: 'the model endpoint refused the request: https://res.openai.azure.com/gpt-4o: HTTP 401: check the API key',
    });
  });

  it('passes a 429’s retry-after on', () => {
    expect(outcomeOfError(new LlmError('rate_limited', '429', { retryAfterMs: 3000 }))).toMatchObject({ status: 'failed', errorCode: 'upstream_rate_limited', retryAfterMs: 3000 });
  });

  it('flags a filtered prompt', () => {
    expect(outcomeOfError(new LlmError('filtered', 'prompt filtered'))).toMatchObject({ status: 'filtered', errorCode: 'content_filtered', flag: true });
  });

  it('takes a visitor’s stop and a shutdown over whatever the stream threw', () => {
    expect(outcomeOfError(new LlmError('aborted', 'x'), 'stopped')).toEqual({ status: 'stopped' });
    expect(outcomeOfError(new LlmError('aborted', 'x'), 'shutdown')).toMatchObject({ status: 'failed', errorCode: 'internal' });
  });
});
