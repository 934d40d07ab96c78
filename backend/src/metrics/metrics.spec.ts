import { UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '../config/app-config';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';

const config = (env: Record<string, string> = {}) => AppConfig.fromEnv({ APP_SECRET: 'x'.repeat(40), ...env });

function fakeResponse() {
  const res = { headers: {} as Record<string, string>, body: '', setHeader: (k: string, v: string) => void (res.headers[k] = v), send: (b: string) => void (res.body = b) };
  return res;
}

describe('Metrics', () => {
  it('exposes the plain delta count as a counter that only grows by what was added', async () => {
    const metrics = new Metrics();
    metrics.deltasRelayed += 3;
    expect(await metrics.text()).toMatch(/^customchat_reply_deltas_total 3$/m);
    metrics.deltasRelayed += 2;
    expect(await metrics.text()).toMatch(/^customchat_reply_deltas_total 5$/m);
    expect(await metrics.text()).toMatch(/^customchat_reply_deltas_total 5$/m);
  });

  it('reads the gauges it was told to watch at scrape time', async () => {
    const metrics = new Metrics();
    let visitors = 7;
    metrics.watchVisitors(() => visitors);
    metrics.watchReplies(() => 2);
    expect(await metrics.text()).toMatch(/^customchat_visitors_connected 7$/m);
    visitors = 4;
    const text = await metrics.text();
    expect(text).toMatch(/^customchat_visitors_connected 4$/m);
    expect(text).toMatch(/^customchat_replies_in_flight 2$/m);
  });

  it('counts tokens by bot and errors by kind, but not aborts', async () => {
    const metrics = new Metrics();
    metrics.replyFinished({ botId: 'b1', status: 'complete', firstTokenMs: 120, latencyMs: 900, promptTokens: 50, completionTokens: 20 });
    metrics.upstreamError('rate_limited');
    metrics.upstreamError('aborted');
    const text = await metrics.text();
    expect(text).toContain('customchat_tokens_total{bot="b1",type="prompt"} 50');
    expect(text).toContain('customchat_tokens_total{bot="b1",type="completion"} 20');
    expect(text).toContain('customchat_upstream_errors_total{kind="rate_limited"} 1');
    expect(text).not.toContain('kind="aborted"');
    expect(text).toContain('customchat_upstream_ttft_seconds_bucket{le="0.25"} 1');
    expect(text).toContain('customchat_replies_total{status="complete"} 1');
  });
});

describe('MetricsController', () => {
  it('is open without METRICS_TOKEN', async () => {
    const res = fakeResponse();
    await new MetricsController(config(), new Metrics()).scrape(undefined, res as unknown as Response);
    expect(res.body).toContain('customchat_visitors_connected');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const controller = new MetricsController(config({ METRICS_TOKEN: 'metrics-token-0123456789' }), new Metrics());
    for (const header of [undefined, 'Bearer wrong', 'metrics-token-0123456789', 'Bearer metrics-token-012345678']) {
      await expect(controller.scrape(header, fakeResponse() as unknown as Response)).rejects.toBeInstanceOf(UnauthorizedException);
    }
    const res = fakeResponse();
    await controller.scrape('Bearer metrics-token-0123456789', res as unknown as Response);
    expect(res.body).toContain('customchat_replies_in_flight');
  });
});
