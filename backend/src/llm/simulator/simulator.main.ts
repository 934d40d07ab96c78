/**
 * Starts the simulator by hand: `SIM_PORT=4000 node dist/backend/src/llm/simulator/simulator.main.js`
 * (SIM_PORT defaults to 0, a free port). Stops on Ctrl-C / SIGTERM.
 */
import { AzureOpenAISimulator } from './simulator.server';

async function main(): Promise<void> {
  const simulator = new AzureOpenAISimulator({ port: Number(process.env.SIM_PORT ?? 0) });
  const url = await simulator.start();
  console.log(`Azure OpenAI simulator listening on ${url} (use it as the AzureOpenAI endpoint; any api-key works)`);
  const shutdown = () => void simulator.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
